"""The case page: the client, the steps with the client's sentence, the staff timeline; each
showing audited; a bounded number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from guichet.cases.services import case_step_update
from guichet.core.identifiers import uci_format
from guichet.core.models import AuditRecord
from guichet.documents.tests.conftest import media_in_tmp  # noqa: F401
from guichet.letters.models import Letter
from guichet.testing.factories import case_make, staff_make

pytestmark = pytest.mark.django_db


def case_url(case, language="en"):
    with translation.override(language):
        return reverse("backoffice:case", kwargs={"case_id": case.pk})


def test_case_page_shows_the_client(officer_http, case):
    page = officer_http.get(case_url(case)).text
    client = case.client
    assert "Côté-Nguyen, Anne-Marie" in page
    assert uci_format(client.uci) in page
    assert "1985-03-14" in page
    assert "F (female)" in page
    assert "+1 613-555-0100" in page
    assert client.email in page
    assert "French" in page  # preferred language
    assert case.application_number in page
    assert "Spouse or common-law partner in Canada" in page


def test_case_page_shows_each_step_with_its_state_and_client_sentence(officer_http, case):
    response = officer_http.get(case_url(case))
    steps = response.context["status"].steps
    assert len(steps) >= 3
    for step in steps:
        assert step.name in response.text
        assert step.message.replace("'", "&#x27;") in response.text
    assert steps[0].state_label == "In progress"
    assert "Current step" in response.text


def test_case_page_shows_the_timeline_newest_first_with_who_did_what(officer_http, case):
    officer = staff_make("officer", username="o.leblanc")
    case_step_update(
        case_id=case.pk, step_code="completeness-check", state="completed", actor=officer
    )
    response = officer_http.get(case_url(case))
    timeline = response.context["timeline"]
    assert [entry.sequence for entry in timeline] == sorted(
        (entry.sequence for entry in timeline), reverse=True
    )
    latest = timeline[0]
    assert (latest.actor, latest.old_state_label, latest.new_state_label) == (
        "o.leblanc",
        "In progress",
        "Completed",
    )
    assert latest.step_name == "Completeness check"
    assert timeline[-1].kind == "received" and timeline[-1].actor == ""
    assert "Every change to this case, newest first." in response.text
    assert "o.leblanc" in response.text
    assert "In progress → Completed" in response.text


def test_case_page_in_french(officer_http, case):
    response = officer_http.get(case_url(case, "fr"))
    assert response.wsgi_request.path == f"/fr/personnel/dossiers/{case.pk}/"
    assert '<html lang="fr">' in response.text
    assert "Vérification de la demande complète" in response.text
    assert "Chronologie" in response.text
    assert response.context["status"].language == "fr"


def test_every_showing_of_a_case_is_audited(officer_http, case):
    officer_http.get(case_url(case))
    officer_http.get(case_url(case, "fr"))
    records = list(AuditRecord.objects.order_by("id"))
    assert [(r.action, r.target_type, r.target_id) for r in records] == [
        ("view", "case", str(case.pk))
    ] * 2


def test_unknown_case_is_404_and_not_audited(officer_http):
    assert (
        officer_http.get(reverse("backoffice:case", kwargs={"case_id": 999999})).status_code == 404
    )
    assert not AuditRecord.objects.exists()


def test_officer_sees_only_the_moves_the_rules_allow(officer_http, case):
    response = officer_http.get(case_url(case))
    rows = {row.step.code: row for row in response.context["steps"]}
    first = rows["completeness-check"]  # in progress
    assert [state for state, _label in first.moves] == ["completed", "not_applicable"]
    decision = rows["final-decision"]  # not started; completed only by recording a decision
    assert [state for state, _label in decision.moves] == ["in_progress", "not_applicable"]
    assert first.documents and not decision.documents


def test_case_page_query_count_does_not_grow_with_history(
    officer_http, case, django_assert_max_num_queries
):
    """Session, user, the session's authenticator (two-step verification), permissions, case
    and client, the status selector (three), the timeline, the document requests, the letters
    and the audit record: a fixed number, however long the history."""
    officer = staff_make("officer")
    officer_http.get(case_url(case))  # a session's first request notes it is a staff session
    with CaptureQueriesContext(connection) as short_history:
        officer_http.get(case_url(case))
    for state in ["completed", "in_progress"] * 10:
        case_step_update(
            case_id=case.pk, step_code="completeness-check", state=state, actor=officer
        )
    with django_assert_max_num_queries(17), CaptureQueriesContext(connection) as long_history:
        response = officer_http.get(case_url(case))
    assert len(response.context["timeline"]) > 20
    assert len(long_history) == len(short_history)


def test_staff_urls_carry_no_personal_data(officer_http, case):
    url = case_url(case)
    client = case.client
    for private in (client.uci, client.family_name, str(client.date_of_birth)):
        assert private not in url


def test_case_page_for_a_decided_case_offers_no_decision(officer_http):
    officer = staff_make("officer")
    from guichet.cases.services import case_decide

    case = case_make()
    case_decide(case_id=case.pk, outcome="withdrawn", actor=officer)
    response = officer_http.get(case_url(case))
    assert "Record the decision" not in response.text
    assert "Withdrawn" in response.text
    rows = {row.step.code: row for row in response.context["steps"]}
    assert rows["final-decision"].moves == []
    assert rows["completeness-check"].moves == []


def test_case_page_shows_the_messages_sent_to_the_client_and_their_status(officer_http, case):
    from guichet.notifications.services import notification_queue

    assert "No message has been sent" in officer_http.get(case_url(case)).text
    notification_queue(
        purpose="receipt_confirmation",
        channel="sms",
        recipient="+16135550100",
        language="fr",
        context={"application_number": case.application_number, "service_name": "Parrainage"},
        idempotency_key=f"test-receipt:{case.pk}",
        case_id=case.pk,
    )
    page = officer_http.get(case_url(case)).text
    assert "Receipt confirmation" in page
    assert "receipt_confirmation" not in page  # a label, not the code
    assert "…0100" in page  # the recipient is masked
    assert "+16135550100" not in page.split('id="messages-sent"')[1]


def test_message_purposes_are_labels_in_both_languages(officer_http, case):
    from guichet.notifications.services import notification_queue

    notification_queue(
        purpose="case_update",
        channel="sms",
        recipient="+16135550100",
        language="fr",
        context={"status_url": "https://example.com/fr/compte/demandes/1/"},
        idempotency_key=f"test-update:{case.pk}",
        case_id=case.pk,
    )
    english = officer_http.get(case_url(case)).text.split('id="messages-sent"')[1]
    assert "Update on the case" in english and "case_update" not in english
    french = officer_http.get(case_url(case, "fr")).text.split('id="messages-sent"')[1]
    assert "Mise à jour du dossier" in french and "case_update" not in french


def test_the_officer_sees_the_clients_letters_and_opening_one_is_audited(officer_http, case):
    letter = Letter.objects.get(case=case)
    page = officer_http.get(case_url(case)).content.decode()
    with translation.override("en"):
        url = reverse("backoffice:letter", kwargs={"case_id": case.pk, "letter_id": letter.pk})
    assert "Letters sent to the client" in page and url in page
    response = officer_http.get(url)
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert AuditRecord.objects.filter(target_type="letter", target_id=letter.pk).exists()
    other = reverse("backoffice:letter", kwargs={"case_id": case.pk + 1000, "letter_id": letter.pk})
    assert officer_http.get(other).status_code == 404
