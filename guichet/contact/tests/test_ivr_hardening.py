"""The phone line fails closed: no token means no answer (and no start-up in production), a
signed request answered once is not answered again, and the SMS fall-back names its date."""

import dataclasses

import pytest
from django.core.checks import run_checks
from django.test import Client as HttpClient
from twilio.request_validator import RequestValidator

from guichet.contact.checks import twilio_signature_check
from guichet.contact.ivr import flow
from guichet.contact.ivr import prompts as p
from guichet.contact.tests.conftest import BORN_KEYS, NAME_KEYS, TOKEN, digits_of
from guichet.notifications.models import Notification
from guichet.status.selectors import case_status_get

pytestmark = pytest.mark.django_db
SID = "CA" + "a" * 32


def test_without_a_token_production_refuses_to_start(settings):
    settings.TWILIO_AUTH_TOKEN = ""
    settings.CONTACT_IVR_ALLOW_UNSIGNED = False
    errors = twilio_signature_check(None)
    assert [e.id for e in errors] == ["contact.E001"]
    assert errors[0].is_serious()
    # Registered as an ordinary check, so it runs when any server starts, not only --deploy.
    assert "contact.E001" in [m.id for m in run_checks()]
    settings.TWILIO_AUTH_TOKEN = TOKEN
    assert twilio_signature_check(None) == []


def test_production_settings_never_allow_unsigned_requests(monkeypatch):
    import importlib

    # The production settings refuse to load without a database (and a secret key).
    monkeypatch.setenv("DATABASE_URL", "sqlite:///unused.sqlite3")
    monkeypatch.setenv("SECRET_KEY", "production-settings-test")
    production = importlib.import_module("guichet.config.django.production")

    assert production.CONTACT_IVR_ALLOW_UNSIGNED is False


def test_without_a_token_unsigned_requests_get_no_menu(settings):
    settings.TWILIO_AUTH_TOKEN = ""
    settings.CONTACT_IVR_ALLOW_UNSIGNED = False
    response = HttpClient().post("/ivr/voice", {"CallSid": SID, "CallStatus": "ringing"})
    assert response.status_code == 403
    assert b"Gather" not in response.content


def _signed_post(http: HttpClient, path: str, params: dict[str, str]):
    signature = RequestValidator(TOKEN).compute_signature("http://localhost" + path, params)
    return http.post(path, params, HTTP_HOST="localhost", HTTP_X_TWILIO_SIGNATURE=signature)


def test_a_replayed_signed_request_is_refused(phone, case):
    call = phone()
    call.start()
    call.press("1")
    call.press(digits_of(case))
    call.press(NAME_KEYS)
    menu = call.press(BORN_KEYS)
    assert menu.action and menu.action.startswith("/ivr/menu?t=")
    http = HttpClient()
    params = {"CallSid": call.call_sid, "CallStatus": "in-progress", "Digits": "2"}
    first = _signed_post(http, menu.action, params)
    assert first.status_code == 200 and b"Gather" in first.content
    replay = _signed_post(http, menu.action, params)
    assert replay.status_code == 403
    assert case.application_number not in replay.content.decode()
    # The voice URL may be retried by Twilio: a repeat gets the menu, never the status.
    again = call.start()
    assert again.said == [(p.say(p.MENU, "en"), "en-CA")]


def test_the_same_keys_twice_are_two_requests(phone, case):
    call = phone()
    call.start()
    call.press("1")
    call.press(digits_of(case))
    call.press(NAME_KEYS)
    call.press(BORN_KEYS)
    first, second = call.press("9"), call.press("9")
    assert first.status == second.status == 200
    assert first.said == second.said and len(first.said) > 1


def test_the_sms_fall_back_names_the_date_of_the_last_change(phone, case, monkeypatch):
    real = case_status_get

    def no_current_step(**kwargs):
        view = real(**kwargs)
        return dataclasses.replace(
            view, steps=[dataclasses.replace(s, is_current=False) for s in view.steps]
        )

    monkeypatch.setattr(flow, "case_status_get", no_current_step)
    call = phone()
    call.start()
    call.press("1")
    call.press(digits_of(case))
    call.press(NAME_KEYS)
    call.press(BORN_KEYS)
    assert call.press("3").said[0] == (p.say(p.SMS_SENT, "en"), "en-CA")
    notification = Notification.objects.get(purpose="status_by_phone")
    body = notification.body
    assert " on ." not in body and "made on ." not in body
    assert p.spoken_date(real(case_id=case.pk, language="en").last_changed_at, "en") in body
