import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guichet.cases.services import case_decide, case_step_update
from guichet.core.errors import NotFound
from guichet.status.selectors import case_status_get
from guichet.testing.factories import case_make, staff_make

pytestmark = pytest.mark.django_db


def test_status_in_both_languages_uses_the_catalogue_sentences():
    case = case_make()
    english = case_status_get(case_id=case.pk, language="en")
    french = case_status_get(case_id=case.pk, language="fr")
    assert english.application_number == french.application_number == case.application_number
    assert english.service_name == "Spouse or common-law partner in Canada"
    assert french.service_name.startswith("Époux")
    assert english.current_step.code == "completeness-check"
    assert english.current_step.message != french.current_step.message
    assert [h.kind for h in french.history] == ["received", "step"]
    assert french.history[0].message.startswith("Nous avons reçu")
    assert english.decision is None and english.status == "in_progress"


def test_action_required_becomes_the_current_step_and_shows_the_note():
    officer = staff_make("officer")
    case = case_make()
    case_step_update(
        case_id=case.pk,
        step_code="completeness-check",
        state="action_required",
        actor=officer,
        client_note="Send the fee receipt.",
    )
    status = case_status_get(case_id=case.pk, language="en")
    assert status.current_step.state == "action_required"
    assert [s.code for s in status.action_required] == ["completeness-check"]
    assert status.history[-1].note == "Send the fee receipt."


def test_decision_is_reported():
    officer = staff_make("officer")
    case = case_make()
    case_decide(case_id=case.pk, outcome="withdrawn", actor=officer)
    status = case_status_get(case_id=case.pk, language="fr")
    assert status.status == "decided"
    assert status.decision.outcome == "withdrawn"
    assert status.current_step is None
    assert status.history[-1].kind == "decided"


def test_query_count_does_not_grow_with_history():
    officer = staff_make("officer")
    short = case_make()
    long = case_make()
    for _ in range(15):
        case_step_update(
            case_id=long.pk,
            step_code="completeness-check",
            state="action_required",
            actor=officer,
            client_note="More, please.",
        )
        case_step_update(
            case_id=long.pk, step_code="completeness-check", state="in_progress", actor=officer
        )
    case_status_get(case_id=short.pk)  # warm the catalogue cache
    counts = []
    for case in (short, long):
        with CaptureQueriesContext(connection) as queries:
            status = case_status_get(case_id=case.pk, language="fr")
        counts.append(len(queries))
    assert len(status.history) == 32
    assert counts == [4, 4]  # case, steps, events, estimate


def test_unknown_case_is_not_found():
    with pytest.raises(NotFound):
        case_status_get(case_id=987654321)
