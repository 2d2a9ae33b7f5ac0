"""The agent desktop: access, calls handed over by the phone line, verifying a caller, the pilot
detail, recording a contact and sending a follow-up. Every read is audited."""

import datetime as dt

import pytest
from django.test import RequestFactory

from guichet.contact.models import (
    ContactOutcome,
    Direction,
    Interaction,
    IvrSession,
    KbArticle,
)
from guichet.contact.services.knowledge_base import kb_load
from guichet.contact.tests.conftest import BORN, BORN_KEYS, NAME_KEYS, digits_of, signed_in
from guichet.contact.verification import VERIFIED_FOR, caller_verified_set
from guichet.core import clock
from guichet.core.audit import AuditRecord
from guichet.notifications.models import Notification
from guichet.testing.factories import case_make, client_make

DESKTOP = "/en/contact-centre/"


def verified(http, *cases) -> None:
    """The agent has verified the caller of these cases in this interaction (a shortcut for
    the caller search, for cases whose date of birth the test does not know)."""
    session = http.session
    request = RequestFactory().get("/")
    request.session = session
    caller_verified_set(request, case_ids=[case.pk for case in cases], how="agent")
    session.save()


def test_only_agents_and_managers_open_the_desktop(
    client, db, officer_http, agent_http, manager_http
):
    response = client.get(DESKTOP)
    assert response.status_code == 302 and "sign-in" in response["Location"]
    assert officer_http.get(DESKTOP).status_code == 403
    assert agent_http.get(DESKTOP).status_code == 200
    assert manager_http.get(DESKTOP).status_code == 200
    assert agent_http.get("/fr/centre-de-contact/").status_code == 200


def test_a_call_handed_over_by_the_phone_line_shows_the_verified_case(phone, case, agent_http):
    call = phone()
    call.start()
    call.press("1")
    call.press(digits_of(case))
    call.press(NAME_KEYS)
    call.press(BORN_KEYS)
    call.press("0")
    session = IvrSession.objects.get(call_sid=call.call_sid)
    page = agent_http.get(DESKTOP).content.decode()
    assert case.application_number in page and "Identified" in page
    response = agent_http.post(f"/en/contact-centre/calls/{session.pk}/take/")
    assert response.status_code == 302
    assert response["Location"] == f"/en/contact-centre/cases/{case.pk}/?call={session.pk}"
    session.refresh_from_db()
    assert session.taken_by is not None and session.taken_at is not None
    assert case.application_number not in agent_http.get(DESKTOP).content.decode()
    page = agent_http.get(response["Location"]).content.decode()
    assert "do not ask for them again" in page
    assert (
        AuditRecord.objects.filter(
            target_type="case", target_id=str(case.pk), action="view"
        ).count()
        >= 2
    )
    # Another agent cannot take it again.
    other = signed_in("agent")
    again = other.post(f"/en/contact-centre/calls/{session.pk}/take/", follow=True)
    assert "Another agent has already taken this call." in again.content.decode()


def test_an_unidentified_call_asks_the_agent_to_verify(phone, db, agent_http):
    call = phone()
    call.start()
    call.press("0")
    session = IvrSession.objects.get(call_sid=call.call_sid)
    response = agent_http.post(f"/en/contact-centre/calls/{session.pk}/take/", follow=True)
    assert "could not identify this caller" in response.content.decode()


@pytest.mark.parametrize("kind", ["application_number", "uci"])
def test_find_and_verify_a_caller(agent_http, case, kind):
    identifier = case.application_number if kind == "application_number" else case.client.uci
    response = agent_http.post(
        DESKTOP, {"kind": kind, "identifier": identifier, "date_of_birth": BORN.isoformat()}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/en/contact-centre/cases/{case.pk}/"
    page = agent_http.get(response["Location"]).content.decode()
    assert "You verified this caller with their identifier and date of birth." in page
    wrong = agent_http.post(
        DESKTOP, {"kind": kind, "identifier": identifier, "date_of_birth": "1985-03-15"}
    )
    assert wrong.status_code == 400
    assert "No client matches these details." in wrong.content.decode()
    searches = AuditRecord.objects.filter(action="search", target_type="case")
    assert searches.count() == 2
    assert all(identifier not in record.detail for record in searches)


def test_a_malformed_identifier_names_the_field(agent_http, db):
    response = agent_http.post(
        DESKTOP, {"kind": "application_number", "identifier": "P123", "date_of_birth": "1985-03-14"}
    )
    assert response.status_code == 400
    assert "An application number is the letter E or P followed by 9 digits." in (
        response.content.decode()
    )


def test_pilot_services_show_agents_more_than_the_client(agent_http, case, db):
    other = case_make(service_code="citizenship-grant", channel="paper")
    verified(agent_http, case, other)
    page = agent_http.get(f"/en/contact-centre/cases/{case.pk}/").content.decode()
    assert "More detail for agents (family-class pilot)" in page
    assert 'id="pilot-timeline"' in page
    page = agent_http.get(f"/en/contact-centre/cases/{other.pk}/").content.decode()
    assert "pilot-timeline" not in page


def test_pilot_detail_is_configured_per_service(agent_http, case, settings):
    settings.CONTACT_AGENT_DETAIL = {}
    verified(agent_http, case)
    page = agent_http.get(f"/en/contact-centre/cases/{case.pk}/").content.decode()
    assert "pilot-timeline" not in page


def test_record_a_contact_with_the_article_used(agent_http, case):
    kb_load()
    verified(agent_http, case)
    article = KbArticle.objects.get(slug="check-status")
    response = agent_http.post(
        f"/en/contact-centre/cases/{case.pk}/contacts/",
        {
            "channel": "phone",
            "reason": "status",
            "outcome": "resolved",
            "kb_article": str(article.pk),
            "summary": "Explained the completeness check.",
        },
    )
    assert response.status_code == 302
    contact = Interaction.objects.get(channel="phone")
    assert contact.case_id == case.pk and contact.client_id == case.client_id
    assert contact.kb_article_id == article.pk and contact.agent is not None
    assert AuditRecord.objects.filter(action="create", detail__startswith="contact recorded")
    page = agent_http.get(f"/en/contact-centre/cases/{case.pk}/").content.decode()
    assert "Explained the completeness check." in page


def test_a_bad_contact_is_refused_naming_the_field(agent_http, case):
    verified(agent_http, case)
    response = agent_http.post(
        f"/en/contact-centre/cases/{case.pk}/contacts/",
        {"channel": "ivr", "reason": "status", "outcome": "resolved"},
    )
    assert response.status_code == 400
    assert not Interaction.objects.filter(agent__isnull=False).exists()


def test_send_a_follow_up_through_the_outbox(agent_http, case):
    verified(agent_http, case)
    response = agent_http.post(
        f"/en/contact-centre/cases/{case.pk}/follow-up/",
        {"follow_up_channel": "email", "message": "Votre examen médical a bien été reçu."},
    )
    assert response.status_code == 302
    notification = Notification.objects.get(purpose="agent_follow_up")
    assert notification.recipient == case.client.email and notification.language == "fr"
    sent = Interaction.objects.get(direction=Direction.OUTBOUND)
    assert sent.outcome == ContactOutcome.SENT and sent.channel == "email"


def test_a_follow_up_without_a_phone_on_file_is_refused(agent_http, db):
    case = case_make(client=client_make(phone=""))
    verified(agent_http, case)
    response = agent_http.post(
        f"/en/contact-centre/cases/{case.pk}/follow-up/",
        {"follow_up_channel": "sms", "message": "Hello"},
    )
    assert response.status_code == 400
    assert "The client has no mobile number on file." in response.content.decode()
    assert not Notification.objects.exists()


def test_the_back_office_case_page_shows_the_same_interaction_log(officer_http, phone, case):
    call = phone()
    call.start()
    call.press("1")
    call.press(digits_of(case))
    call.press(NAME_KEYS)
    call.press(BORN_KEYS)
    page = officer_http.get(f"/en/staff/cases/{case.pk}/").content.decode()
    assert "Contacts with the client" in page
    assert "Telephone self-service" in page and "Answered by self-service" in page


def refused(response) -> bool:
    return response.status_code == 302 and response["Location"] == DESKTOP


def test_a_case_whose_caller_was_not_verified_does_not_open(agent_http, case):
    """Issue 17: "verified" was a query flag anyone could type, and the case opened without it."""
    address = f"/en/contact-centre/cases/{case.pk}/"
    for attempt in (address, address + "?verified=1"):
        response = agent_http.get(attempt)
        assert refused(response), attempt
    followed = agent_http.get(address, follow=True).content.decode()
    assert "Verify the caller with their identifier and date of birth before opening" in followed
    assert case.application_number not in followed
    assert not AuditRecord.objects.filter(action="view", target_id=str(case.pk)).exists()
    assert refused(agent_http.get("/en/contact-centre/cases/999999/"))  # nothing to guess from
    french = agent_http.get(f"/fr/centre-de-contact/dossiers/{case.pk}/", follow=True)
    assert "et de sa date de naissance avant d" in french.content.decode()


def test_nothing_is_recorded_on_a_case_not_verified(agent_http, case):
    contact = {"channel": "phone", "reason": "status", "outcome": "resolved"}
    assert refused(agent_http.post(f"/en/contact-centre/cases/{case.pk}/contacts/", contact))
    follow_up = {"follow_up_channel": "email", "message": "Bonjour"}
    assert refused(agent_http.post(f"/en/contact-centre/cases/{case.pk}/follow-up/", follow_up))
    assert not Interaction.objects.exists() and not Notification.objects.exists()


def test_verifying_one_caller_opens_that_case_only_and_replaces_the_last(agent_http, case, db):
    other = case_make(service_code="citizenship-grant", channel="paper")
    verified(agent_http, other)
    assert agent_http.get(f"/en/contact-centre/cases/{other.pk}/").status_code == 200
    assert refused(agent_http.get(f"/en/contact-centre/cases/{case.pk}/"))
    agent_http.post(
        DESKTOP,
        {
            "kind": "application_number",
            "identifier": case.application_number,
            "date_of_birth": BORN.isoformat(),
        },
    )
    assert agent_http.get(f"/en/contact-centre/cases/{case.pk}/").status_code == 200
    assert refused(agent_http.get(f"/en/contact-centre/cases/{other.pk}/"))
    # The verification is the agent's, on the server: another agent's session has none.
    assert refused(signed_in("agent").get(f"/en/contact-centre/cases/{case.pk}/"))


def test_a_verification_lapses(agent_http, case, monkeypatch):
    verified(agent_http, case)
    later = clock.now() + VERIFIED_FOR + dt.timedelta(minutes=1)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert refused(agent_http.get(f"/en/contact-centre/cases/{case.pk}/"))


def test_opening_a_web_question_opens_its_case(agent_http, case):
    from guichet.accounts.tests.conftest import account_make, link_make
    from guichet.contact.services.enquiries import enquiry_submit

    assert refused(agent_http.get(f"/en/contact-centre/cases/{case.pk}/"))
    account = account_make(language="fr")
    link_make(account, case)
    enquiry = enquiry_submit(
        account=account, case_id=case.pk, reason="status", question="Mes documents?", language="fr"
    )
    assert agent_http.get(f"/en/contact-centre/questions/{enquiry.pk}/").status_code == 200
    assert agent_http.get(f"/en/contact-centre/cases/{case.pk}/").status_code == 200
