"""The phone line, call by call: TwiML in, keys out, every menu branch and every bad input.

Every webhook here is signed with X-Twilio-Signature (the `signed` fixture sets the token), as
Twilio signs them in production.
"""

import dataclasses
import datetime as dt
import logging

import pytest
from django.test import Client as HttpClient
from twilio.request_validator import RequestValidator

from guichet.accounts.errors import Throttled
from guichet.accounts.lookup import status_lookup
from guichet.accounts.models import ThrottleHit
from guichet.cases.services import case_decide
from guichet.contact.ivr import flow
from guichet.contact.ivr import prompts as p
from guichet.contact.ivr.simulator import CallSimulator
from guichet.contact.models import (
    ContactOutcome,
    Interaction,
    IvrSession,
    IvrStage,
    SelfServiceSwitch,
    TransferReason,
)
from guichet.contact.tests.conftest import (
    BORN,
    BORN_KEYS,
    NAME_KEYS,
    TOKEN,
    digits_of,
    transport_for,
    wrong_check_digit,
)
from guichet.core import clock
from guichet.core.errors import NotFound
from guichet.core.identifiers import application_number_make
from guichet.notifications.models import Notification
from guichet.status.selectors import case_status_get
from guichet.status.types import DecisionEstimate
from guichet.testing.factories import case_make, client_make


def fr(message, **params) -> str:
    return p.say(message, "fr", **params)


def en(message, **params) -> str:
    return p.say(message, "en", **params)


def identified(call: CallSimulator, case, language_key: str = "2"):
    call.start()
    call.press(language_key)
    call.press(digits_of(case))
    call.press(NAME_KEYS)
    return call.press(BORN_KEYS)


def path(action: str | None) -> str:
    """An action URL without its one-time `t` parameter."""
    return (action or "").split("?")[0]


def session_of(call: CallSimulator) -> IvrSession:
    return IvrSession.objects.get(call_sid=call.call_sid)


def unknown_digits() -> str:
    from guichet.cases.models import Case

    used = set(Case.objects.values_list("serial", flat=True))
    serial = next(s for s in range(10_000_000, 10_100_000) if s not in used)
    return application_number_make("P", serial)[1:]


# --- Signature ------------------------------------------------------------------------------


def test_unsigned_and_forged_requests_are_refused(phone, case):
    http = HttpClient()
    params = {"CallSid": "CA" + "a" * 32, "Digits": ""}
    assert http.post("/ivr/voice", params, HTTP_HOST="localhost").status_code == 403
    forged = RequestValidator("not-the-token").compute_signature(
        "http://localhost/ivr/voice", params
    )
    response = http.post(
        "/ivr/voice", params, HTTP_HOST="localhost", HTTP_X_TWILIO_SIGNATURE=forged
    )
    assert response.status_code == 403
    # A valid signature over other parameters (a replayed signature) is refused too.
    good = RequestValidator(TOKEN).compute_signature("http://localhost/ivr/voice", params)
    tampered = {**params, "Digits": "1"}
    response = http.post(
        "/ivr/voice", tampered, HTTP_HOST="localhost", HTTP_X_TWILIO_SIGNATURE=good
    )
    assert response.status_code == 403
    assert not IvrSession.objects.exists()
    assert phone().start().status == 200


def test_signature_is_checked_against_the_public_base_url(settings, signed, case):
    settings.TWILIO_WEBHOOK_BASE_URL = "https://guichet.example.ca"
    wrong_base = CallSimulator(transport_for(HttpClient()), auth_token=TOKEN)
    assert wrong_base.start().status == 403
    right_base = CallSimulator(
        transport_for(HttpClient()), base_url="https://guichet.example.ca", auth_token=TOKEN
    )
    assert right_base.start().status == 200


def test_without_a_token_requests_are_not_checked(settings, db, case):
    settings.TWILIO_AUTH_TOKEN = ""
    call = CallSimulator(transport_for(HttpClient()))
    assert call.start().status == 200


def test_malformed_call_sid_and_get_are_refused(phone, db):
    assert phone(call_sid="not-a-sid").start().status == 400
    assert HttpClient().get("/ivr/voice", HTTP_HOST="localhost").status_code == 405


# --- Active offer and language --------------------------------------------------------------


def test_active_offer_in_both_languages_in_the_configured_order(phone, settings):
    prompt = phone().start()
    assert prompt.said == [
        (en(p.OFFER["en"], key="1"), "en-CA"),
        (fr(p.OFFER["fr"], key="2"), "fr-CA"),
    ]
    assert path(prompt.action) == "/ivr/language" and prompt.num_digits == 1
    assert 'input="dtmf"' in prompt.body
    settings.CONTACT_IVR_LANGUAGE_ORDER = ["fr", "en"]
    prompt = phone().start()
    assert prompt.said[0] == (fr(p.OFFER["fr"], key="1"), "fr-CA")
    assert prompt.said[1] == (en(p.OFFER["en"], key="2"), "en-CA")


def test_language_menu_repeat_wrong_key_silence_and_agent(phone, db):
    call = phone()
    offer = call.start()
    assert call.press("9").said == offer.said
    assert call.press("7").said == offer.said
    assert call.press("").said == offer.said
    call.press("")
    transferred = call.press("")
    assert transferred.transfer == "guichet-agents-en"
    assert session_of(call).transfer_reason == TransferReason.NO_INPUT
    other = phone()
    other.start()
    assert other.press("0").transfer == "guichet-agents-en"
    assert session_of(other).transfer_reason == TransferReason.CALLER_ASKED


def test_choosing_french_speaks_french_from_then_on(phone, db):
    call = phone()
    call.start()
    prompt = call.press("2")
    assert prompt.languages == {"fr-CA"}
    assert prompt.text == f"{fr(p.WELCOME)} {fr(p.ASK_NUMBER)}"
    assert path(prompt.action) == "/ivr/number" and prompt.num_digits == 9
    assert session_of(call).language == "fr"


# --- The whole call, every menu branch ------------------------------------------------------


def test_french_caller_hears_the_status_page_sentence_then_every_menu_branch(phone, case):
    call = phone()
    call.start()
    call.press("2")
    asked = call.press(digits_of(case))
    assert asked.text == fr(p.ASK_FAMILY_NAME) and asked.languages == {"fr-CA"}
    assert path(asked.action) == "/ivr/family-name" and asked.num_digits == 3
    assert call.press(NAME_KEYS).text == fr(p.ASK_BIRTH_DATE)
    prompt = call.press(BORN_KEYS)
    status = case_status_get(case_id=case.pk, language="fr")
    assert prompt.languages == {"fr-CA"}
    said = [text for text, _language in prompt.said]
    assert said[0] == fr(p.STATUS_INTRO, service=status.service_name)
    assert status.current_step.message in said  # the exact sentence of the status page
    assert fr(p.LAST_CHANGE, date=p.spoken_date(status.last_changed_at, "fr")) in said
    assert said[-1] == fr(p.MENU)
    session = session_of(call)
    assert session.verified and session.case_id == case.pk
    assert session.number_keyed == "" and session.name_keyed == ""
    interaction = Interaction.objects.get(ivr_session=session)
    assert interaction.outcome == ContactOutcome.SELF_SERVED
    assert interaction.case_id == case.pk and interaction.client_id == case.client_id

    assert call.press("1").said == prompt.said  # repeat
    assert call.press("9").said == prompt.said  # repeat, the universal key
    history = call.press("2")
    assert history.said[0] == (fr(p.HISTORY_INTRO), "fr-CA")
    assert len(history.said) == 1 + len(status.history) + 1
    assert history.said[-1] == (fr(p.MENU), "fr-CA")

    sms = call.press("3")
    assert sms.said[0] == (fr(p.SMS_SENT), "fr-CA")
    notification = Notification.objects.get(purpose="status_by_phone")
    assert notification.recipient == case.client.phone  # the number on file, not the caller's
    assert notification.language == "fr" and notification.case_id == case.pk
    assert call.press("3").said[0] == (fr(p.SMS_ALREADY_SENT), "fr-CA")
    assert Notification.objects.filter(purpose="status_by_phone").count() == 1

    assert call.press("5").said[0] == (fr(p.NOT_A_CHOICE), "fr-CA")
    agent = call.press("0")
    assert agent.said == [(fr(p.HOLD_VERIFIED), "fr-CA")]
    assert agent.transfer == "guichet-agents-fr"
    session.refresh_from_db()
    assert session.stage == IvrStage.TRANSFERRED and session.case_id == case.pk
    assert session.transfer_reason == TransferReason.CALLER_ASKED
    interaction.refresh_from_db()
    assert interaction.outcome == ContactOutcome.TRANSFERRED


def test_english_caller_with_an_estimate_hears_it(phone, case, monkeypatch):
    estimate = DecisionEstimate(
        likely_by=dt.date(2027, 2, 1), most_by=dt.date(2027, 3, 1), as_of=dt.date(2026, 11, 1)
    )
    real = flow.case_status_get

    def with_estimate(**kwargs):
        return dataclasses.replace(real(**kwargs), estimate=estimate)

    monkeypatch.setattr(flow, "case_status_get", with_estimate)
    prompt = identified(phone(), case, language_key="1")
    assert (en(p.ESTIMATE, date="March 1, 2027"), "en-CA") in prompt.said
    assert p.spoken_date(dt.date(2027, 3, 1), "fr") == "1er mars 2027"


def test_a_decided_case_reads_the_decision(phone, case):
    case_decide(case_id=case.pk, outcome="withdrawn", actor=None)
    prompt = identified(phone(), case)
    status = case_status_get(case_id=case.pk, language="fr")
    assert status.history[-1].message in prompt.text


def test_menu_silences_end_the_call_politely(phone, case):
    call = phone()
    identified(call, case)
    assert call.press("").said[0] == (fr(p.NO_INPUT), "fr-CA")
    call.press("")
    goodbye = call.press("")
    assert goodbye.hung_up and goodbye.said == [(fr(p.GOODBYE), "fr-CA")]
    assert session_of(call).stage == IvrStage.ENDED
    assert Interaction.objects.get(ivr_session=session_of(call)).outcome == "self_served"


def test_no_phone_on_file_no_text_message(phone, db):
    case = case_make(client=client_make(date_of_birth=BORN, phone=""))
    call = phone()
    identified(call, case)
    assert call.press("3").said[0] == (fr(p.SMS_NO_PHONE), "fr-CA")
    assert not Notification.objects.exists()


# --- Bad input ------------------------------------------------------------------------------


def _at_number(phone):
    call = phone()
    call.start()
    call.press("1")
    return call


def test_a_wrong_check_digit_is_caught_before_any_look_up(phone, case, monkeypatch):
    def no_look_up(**kwargs):
        raise AssertionError("no look-up may be made for a mistyped number")

    monkeypatch.setattr(flow, "caller_identify", no_look_up)
    call = _at_number(phone)
    prompt = call.press(wrong_check_digit(digits_of(case)))
    assert prompt.text == f"{en(p.NUMBER_INVALID)} {en(p.TRY_AGAIN)} {en(p.ASK_NUMBER)}"
    assert path(prompt.action) == "/ivr/number"
    assert session_of(call).tries == 1
    assert not ThrottleHit.objects.exists()


@pytest.mark.parametrize(
    ("digits", "message"),
    [
        ("1234", p.NUMBER_INCOMPLETE),  # "#" pressed mid-entry ends the entry early
        ("12345678901", p.NUMBER_INCOMPLETE),
        ("1234*", p.STAR_PRESSED),
        ("*", p.STAR_PRESSED),
    ],
)
def test_bad_numbers_are_asked_again(phone, db, digits, message):
    call = _at_number(phone)
    prompt = call.press(digits)
    assert prompt.said[0] == (en(message), "en-CA")
    assert path(prompt.action) == "/ivr/number"


def test_garbage_that_is_not_keypad_keys_is_a_bad_entry(phone, db):
    call = _at_number(phone)
    prompt = call.post("/ivr/number", call._params(Digits="12ab5678<x>"))
    assert prompt.status == 200 and prompt.said[0] == (en(p.STAR_PRESSED), "en-CA")


def test_three_failed_tries_go_to_an_agent(phone, case):
    call = _at_number(phone)
    call.press("1234")
    call.press(digits_of(case))
    call.press(NAME_KEYS)
    call.press("19990101")  # a wrong date of birth: the second try
    last = call.press(wrong_check_digit(digits_of(case)))
    assert last.transfer == "guichet-agents-en"
    assert last.said == [(en(p.NUMBER_INVALID), "en-CA"), (en(p.TOO_MANY_TRIES), "en-CA")]
    session = session_of(call)
    assert session.transfer_reason == TransferReason.TRIES_EXHAUSTED
    assert session.case_id is None and session.number_keyed == ""


def test_unknown_number_and_wrong_date_get_identical_answers(phone, case):
    unknown = _at_number(phone)
    unknown.press(unknown_digits())
    unknown.press(NAME_KEYS)
    answer_unknown = unknown.press(BORN_KEYS)
    mismatch = _at_number(phone)
    mismatch.press(digits_of(case))
    mismatch.press(NAME_KEYS)
    answer_mismatch = mismatch.press("19850315")
    wrong_name = _at_number(phone)
    wrong_name.press(digits_of(case))
    wrong_name.press("424")  # Gagnon, not Tremblay: the right date does not help
    answer_wrong_name = wrong_name.press(BORN_KEYS)
    assert answer_unknown.said == answer_mismatch.said == answer_wrong_name.said
    assert answer_unknown.said[0] == (en(p.NO_MATCH), "en-CA")
    assert path(answer_unknown.action) == path(answer_mismatch.action) == "/ivr/number"
    assert path(answer_wrong_name.action) == "/ivr/number"
    assert ThrottleHit.objects.filter(scope="application_number").count() == 3
    assert session_of(wrong_name).case_id is None


@pytest.mark.parametrize("keys", ["19850231", "2999010", "20990101", "18000101"])
def test_impossible_dates_are_asked_again(phone, case, keys):
    call = _at_number(phone)
    call.press(digits_of(case))
    call.press(NAME_KEYS)
    prompt = call.press(keys)
    assert prompt.said[0] == (en(p.DATE_INVALID), "en-CA")
    assert path(prompt.action) == "/ivr/birth-date"


# --- The family name on the keypad (the web's proof: number, family name, date of birth) ----


@pytest.mark.parametrize(
    ("family_name", "keys"),
    [
        ("Éthier", "384"),  # accents folded: É is on 3 like E
        ("LÉVESQUE-Côté", "538"),
        ("O'Brien", "627"),  # the apostrophe is not a letter
        ("Ng", "64"),  # shorter than 3 letters: all of them, then #
        ("Łopez", "567"),  # transliterated as the web compares
        ("Wong", "966"),
    ],
)
def test_the_family_names_first_letters_identify_the_caller(phone, db, family_name, keys):
    case = case_make(client=client_make(family_name=family_name, date_of_birth=BORN))
    call = phone()
    call.start()
    call.press("1")
    call.press(digits_of(case))
    call.press(keys)
    prompt = call.press(BORN_KEYS)
    assert session_of(call).case_id == case.pk, prompt.said
    assert prompt.said[-1] == (en(p.MENU), "en-CA")


def test_a_wrong_family_name_with_the_right_date_is_not_identified(phone, case):
    call = _at_number(phone)
    call.press(digits_of(case))
    call.press("872")  # "Tra…", one letter off
    prompt = call.press(BORN_KEYS)
    assert prompt.said[0] == (en(p.NO_MATCH), "en-CA")
    session = session_of(call)
    assert session.case_id is None and session.tries == 1
    assert session.number_keyed == "" and session.name_keyed == ""
    assert path(prompt.action) == "/ivr/number"


@pytest.mark.parametrize("keys", ["810", "1", "0873", "8#7"])
def test_keys_that_are_no_letters_are_asked_again_without_a_look_up(phone, case, monkeypatch, keys):
    def no_look_up(**kwargs):
        raise AssertionError("no look-up may be made for keys that are no letters")

    monkeypatch.setattr(flow, "caller_identify", no_look_up)
    call = _at_number(phone)
    call.press(digits_of(case))
    prompt = call.post("/ivr/family-name", call._params(Digits=keys))
    assert prompt.said[0] == (en(p.NAME_INVALID), "en-CA")
    assert prompt.said[-1] == (en(p.ASK_FAMILY_NAME), "en-CA")
    assert path(prompt.action) == "/ivr/family-name"
    assert session_of(call).tries == 1 and not ThrottleHit.objects.exists()


def test_star_restarts_the_family_name(phone, case):
    call = _at_number(phone)
    call.press(digits_of(case))
    prompt = call.press("87*")
    assert prompt.said[0] == (en(p.STAR_PRESSED), "en-CA")
    assert path(prompt.action) == "/ivr/family-name"
    call.press(NAME_KEYS)
    assert session_of(call).stage == IvrStage.BIRTH_DATE


def test_the_family_name_is_asked_in_french_for_a_french_caller(phone, case):
    call = phone()
    call.start()
    call.press("2")
    prompt = call.press(digits_of(case))
    assert prompt.said == [(fr(p.ASK_FAMILY_NAME), "fr-CA")]
    invalid = call.press("1")
    assert invalid.languages == {"fr-CA"}
    assert invalid.text == f"{fr(p.NAME_INVALID)} {fr(p.TRY_AGAIN)} {fr(p.ASK_FAMILY_NAME)}"


def test_the_date_cannot_be_keyed_before_the_family_name(phone, case):
    call = _at_number(phone)
    call.press(digits_of(case))
    prompt = call.post("/ivr/birth-date", call._params(Digits=BORN_KEYS))
    assert prompt.said == [(en(p.ASK_FAMILY_NAME), "en-CA")]
    assert session_of(call).case_id is None and not ThrottleHit.objects.exists()


def test_a_dropped_call_keeps_no_keys(phone, case):
    call = _at_number(phone)
    call.press(digits_of(case))
    call.press(NAME_KEYS)
    assert session_of(call).name_keyed == NAME_KEYS
    call.hang_up()
    session = session_of(call)
    assert session.number_keyed == "" and session.name_keyed == ""


def test_zero_and_nine_work_while_keying(phone, case):
    call = _at_number(phone)
    ask = call.prompt
    assert call.press("9").said == [(en(p.ASK_NUMBER), "en-CA")]
    assert call.press("").said[0] == (en(p.NO_INPUT), "en-CA")
    call.press(digits_of(case))
    assert call.press("9").said == [(en(p.ASK_FAMILY_NAME), "en-CA")]
    assert call.press("").said[0] == (en(p.NO_INPUT), "en-CA")
    call.press(NAME_KEYS)
    assert call.press("9").said == [(en(p.ASK_BIRTH_DATE), "en-CA")]
    assert session_of(call).tries == 0
    agent = call.press("0")
    assert agent.transfer == "guichet-agents-en" and agent.said == [(en(p.HOLD), "en-CA")]
    assert session_of(call).case_id is None
    del ask


def test_silence_while_keying_three_times_goes_to_an_agent(phone, db):
    call = _at_number(phone)
    call.press("")
    call.press("")
    assert call.press("").transfer == "guichet-agents-en"
    assert session_of(call).transfer_reason == TransferReason.NO_INPUT


# --- Shared throttle, self-service switch ---------------------------------------------------


def _web_lookup(case, *, family_name: str | None = None, ip: str = "192.0.2.1"):
    return status_lookup(
        application_number=case.application_number,
        family_name=family_name or case.client.family_name,
        date_of_birth=BORN,
        ip=ip,
        language="en",
    )


def test_phone_failures_count_in_the_web_look_up_throttle(phone, case, settings):
    settings.ACCOUNTS_THROTTLE_RULES = {
        **settings.ACCOUNTS_THROTTLE_RULES,
        "application_number": {"limit": 2, "window": 3600},
    }
    for _ in range(2):
        call = _at_number(phone)
        call.press(digits_of(case))
        call.press(NAME_KEYS)
        call.press("19000101")
    # The number has had its failures: the caller who failed waits, even with the right
    # details, without being told whether they were right...
    call = _at_number(phone)
    call.press(digits_of(case))
    call.press(NAME_KEYS)
    locked = call.press(BORN_KEYS)
    assert locked.said == [(en(p.LOCKED), "en-CA")] and locked.transfer
    assert session_of(call).case_id is None
    # ...and so does a web address that failed on it; but the genuine client on the web, or
    # on another phone, is never refused because of those failures (issue 9.6).
    with pytest.raises(NotFound):
        _web_lookup(case, family_name="Wrong", ip="198.51.100.9")
    with pytest.raises(Throttled):
        _web_lookup(case, ip="198.51.100.9")
    assert _web_lookup(case, ip="192.0.2.1").case_id == case.pk
    other_phone = phone(caller="+15555550999")
    assert identified(other_phone, case, language_key="1").said[0] != (en(p.LOCKED), "en-CA")
    assert session_of(other_phone).case_id == case.pk


def test_web_failures_never_lock_a_caller_out(phone, case, settings):
    settings.ACCOUNTS_THROTTLE_RULES = {
        **settings.ACCOUNTS_THROTTLE_RULES,
        "application_number": {"limit": 1, "window": 3600},
    }
    for i in range(5):
        with pytest.raises(NotFound):
            _web_lookup(case, family_name="Wrong", ip=f"203.0.113.{i}")
    call = phone()
    identified(call, case, language_key="1")
    assert session_of(call).case_id == case.pk


def test_one_caller_has_a_limit_of_its_own(phone, case, settings):
    settings.ACCOUNTS_THROTTLE_RULES = {
        **settings.ACCOUNTS_THROTTLE_RULES,
        "caller": {"limit": 2, "window": 3600},
    }
    for _ in range(2):
        call = _at_number(phone)
        call.press(unknown_digits())
        call.press(NAME_KEYS)
        call.press(BORN_KEYS)
    call = _at_number(phone)
    call.press(digits_of(case))
    call.press(NAME_KEYS)
    assert call.press(BORN_KEYS).said == [(en(p.LOCKED), "en-CA")]
    assert session_of(call).case_id is None
    call = phone(caller="+15555550111")
    identified(call, case, language_key="1")
    assert session_of(call).case_id == case.pk


def test_self_service_off_hands_over_the_identified_caller(phone, case, settings):
    SelfServiceSwitch.objects.create(service=case.service, enabled=False, changed_at=clock.now())
    call = phone()
    prompt = identified(call, case)
    assert prompt.said == [(fr(p.SELF_SERVICE_OFF), "fr-CA")]
    assert prompt.transfer == "guichet-agents-fr"
    session = session_of(call)
    assert session.case_id == case.pk and session.transfer_reason == TransferReason.SELF_SERVICE_OFF
    assert session.status_heard_at is None


def test_self_service_default_comes_from_settings(phone, case, settings):
    settings.CONTACT_IVR_SELF_SERVICE_OFF = ["spouse-in-canada"]
    assert identified(phone(), case).transfer is not None
    settings.CONTACT_IVR_SELF_SERVICE_OFF = []
    settings.CONTACT_IVR_SELF_SERVICE_DEFAULT = False
    settings.CONTACT_IVR_SELF_SERVICE_ON = ["spouse-in-canada"]
    assert identified(phone(), case).transfer is None


def test_a_configured_agent_number_is_dialled(phone, case, settings):
    settings.CONTACT_IVR_AGENT_NUMBER = "+18005550100"
    call = _at_number(phone)
    prompt = call.press("0")
    assert prompt.transfer == "+18005550100" and "<Dial>" in prompt.body


# --- Out of order, hang-ups, failures, logs -------------------------------------------------


def test_a_request_out_of_stage_never_reads_a_status(phone, case):
    call = phone()
    call.start()
    # Straight to the menu, skipping identification: the language offer comes back.
    prompt = call.post("/ivr/menu", call._params(Digits="1"))
    assert path(prompt.action) == "/ivr/language"
    call.press("1")
    prompt = call.post("/ivr/birth-date", call._params(Digits=BORN_KEYS))
    assert prompt.said == [(en(p.ASK_NUMBER), "en-CA")]
    assert session_of(call).case_id is None


def test_an_unknown_call_at_a_later_step_starts_over(phone, db):
    call = phone()
    prompt = call.post("/ivr/number", call._params(Digits="123456782"))
    assert path(prompt.action) == "/ivr/language"
    assert session_of(call).stage == IvrStage.LANGUAGE


def test_twilio_retrying_the_first_request_continues_the_call(phone, db):
    call = phone()
    call.start()
    call.press("1")
    again = call.start()
    assert again.said == [(en(p.ASK_NUMBER), "en-CA")]
    assert IvrSession.objects.count() == 1


def test_a_hang_up_mid_flow_is_recorded_as_abandoned(phone, case):
    call = _at_number(phone)
    call.press(digits_of(case))
    assert call.hang_up().status == 200
    session = session_of(call)
    assert session.stage == IvrStage.ENDED and session.ended_at is not None
    assert session.number_keyed == ""  # the digits of an unfinished identification go
    assert Interaction.objects.get(ivr_session=session).outcome == ContactOutcome.ABANDONED
    assert call.hang_up().status == 200  # a repeated callback changes nothing


def test_a_technical_failure_puts_the_caller_through(phone, case, monkeypatch):
    def broken(**kwargs):
        raise RuntimeError("database gone")

    monkeypatch.setattr(flow, "case_status_get", broken)
    prompt = identified(phone(), case, language_key="1")
    assert prompt.status == 200
    assert prompt.said == [(en(p.TECHNICAL_PROBLEM), "en-CA")] and prompt.transfer


def test_logs_hold_no_personal_data(phone, case, caplog):
    caplog.set_level(logging.DEBUG)
    call = phone()
    identified(call, case)
    call.press("3")
    call.press("0")
    call2 = _at_number(phone)
    call2.press(digits_of(case))
    call2.press("19000101")
    text = caplog.text
    for secret in (
        digits_of(case),
        BORN_KEYS,
        "19000101",
        case.client.phone,
        case.client.uci,
        case.client.family_name,
        "+15555550123",
    ):
        assert secret not in text
    assert "ivr session=" in text
