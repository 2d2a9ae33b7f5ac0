"""The public status-check page (issue 9.1): no account, the API's own look-up.

The page must call accounts.lookup.status_lookup (one proof, one throttle, one selector for the
web and the API), never put the details in an address, show the steps and the status in the
page's language, and name every wrong field at once, in English and in French.
"""

import json
from html import unescape

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils.translation import override

import guichet.accounts.views.status as status_view
from guichet.accounts import lookup as lookup_module
from guichet.accounts.tests.conftest import BORN, unknown_number, unknown_numbers
from guichet.cases.services import case_step_update
from guichet.status.selectors import case_status_get
from guichet.status.signals import status_shown

pytestmark = pytest.mark.django_db
NBSP = "\u00a0"


def url(language="en"):
    with override(language):
        return reverse("accounts:status-check")


def check(details, *, language="en", http=None, **extra):
    return (http or HttpClient()).post(url(language), details, **extra)


def proof(case, **overrides):
    details = {
        "application_number": case.application_number,
        "family_name": "TREMBLAY GAGNE",
        "date_of_birth": BORN.isoformat(),
    }
    details.update(overrides)
    return details


def test_the_page_has_real_addresses_in_each_language():
    assert url("en") == "/en/application-status/"
    assert url("fr") == "/fr/etat-de-la-demande/"
    for language in ("en", "fr"):
        page = HttpClient().get(url(language))
        assert page.status_code == 200
        assert 'method="post"' in page.text
        assert 'name="application_number"' in page.text


def test_the_answer_shows_the_steps_and_status_of_the_selector(case):
    case_step_update(
        case_id=case.pk,
        step_code="completeness-check",
        state="action_required",
        actor=None,
        client_note="Send a copy of your marriage certificate.",
    )
    for language in ("en", "fr"):
        response = check(proof(case), language=language)
        assert response.status_code == 200
        text = unescape(response.text)
        status = case_status_get(case_id=case.pk, language=language)
        assert status.service_name in text
        assert case.application_number in text
        for step in status.steps:
            assert step.name in text
            assert step.state_label in text
            assert step.message in text
        assert "Send a copy of your marriage certificate." in text


def test_the_details_never_go_in_an_address(case):
    response = check(proof(case))
    assert response.status_code == 200  # rendered in answer to the POST, no redirect
    # A GET with the details in the query string is not a look-up.
    query = HttpClient().get(url(), proof(case))
    assert case.application_number not in query.text
    assert "Tremblay" not in unescape(query.text)
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_it_calls_the_apis_look_up_with_the_client_address(case, monkeypatch, settings):
    calls = []
    real = lookup_module.status_lookup

    def spy(**kwargs):
        calls.append(kwargs)
        return real(**kwargs)

    monkeypatch.setattr(status_view, "status_lookup", spy)
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    check(proof(case), HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert len(calls) == 1
    assert calls[0]["ip"] == "198.51.100.7"  # accounts.network.client_ip, as the API
    assert calls[0]["channel"] == "web"
    assert status_view.status_lookup is spy and real is lookup_module.status_lookup


def test_failures_on_the_page_count_in_the_apis_throttle(case):
    """One throttle: guessing on the web page, then switching to the API, gains nothing."""
    address = "203.0.113.40"
    for number in unknown_numbers(60):
        response = check(proof(case, application_number=number), REMOTE_ADDR=address)
        if response.status_code == 429:
            break
        assert response.status_code == 200  # the form again, with the no-match error
    assert response.status_code == 429
    assert int(response["Retry-After"]) > 0
    api = HttpClient().post(
        "/api/v1/status-lookups",
        data=json.dumps(proof(case)),
        content_type="application/json",
        REMOTE_ADDR=address,
    )
    assert api.status_code == 429


def test_unknown_and_mismatched_get_the_same_answer(case):
    unknown = check(proof(case, application_number=unknown_number()))
    mismatch = check(proof(case, family_name="Gagnon"))
    for response in (unknown, mismatch):
        assert "We could not find an application with these details." in unescape(response.text)
    assert unknown.content.replace(b"Gagnon", b"TREMBLAY GAGNE").count(b"g-error") == (
        mismatch.content.count(b"g-error")
    )


def test_every_wrong_field_is_named_at_once_in_both_languages():
    details = {"application_number": "X12", "family_name": "", "date_of_birth": "14/03/1985"}
    english = unescape(check(details, language="en").text)
    assert english.count('aria-invalid="true"') == 3
    for field in ("application_number", "family_name", "date_of_birth"):
        assert f'href="#id_{field}"' in english
    assert "This field is required." in english
    french = unescape(check(details, language="fr").text)
    assert french.count('aria-invalid="true"') == 3
    assert "Ce champ est obligatoire." in french or "obligatoire" in french


def test_a_too_long_name_is_reported_once(case):
    page = unescape(check(proof(case, family_name="x" * 101)).text)
    summary = page.split('class="g-error-summary"')[1].split("</ul>")[0]
    assert summary.count("<li>") == 1
    assert "This field is too long (at most 100 characters)." in summary
    assert "Ensure this value" not in page  # Django's own, as well as ours


def test_a_look_up_is_counted_as_web_take_up(case):
    channels = []

    def receive(*, channel, **_):
        channels.append(channel)

    status_shown.connect(receive)
    try:
        check(proof(case))
        check(proof(case, family_name="Gagnon"))  # no status shown: not counted
    finally:
        status_shown.disconnect(receive)
    assert channels == ["web"]
