"""Officers move steps, ask for documents and record decisions through the case page's forms;
each change is audited; a refused change shows its reason, naming the field, and changes
nothing."""

import pytest
from django.urls import reverse
from django.utils import translation

from guichet.cases.models import Case, CaseEvent, CaseStep
from guichet.core.models import AuditRecord

pytestmark = pytest.mark.django_db


def url(name, case, language="en"):
    with translation.override(language):
        return reverse(f"backoffice:{name}", kwargs={"case_id": case.pk})


def step_state(case, code):
    return CaseStep.objects.get(case=case, step_type__code=code).state


def changes(case):
    return list(
        AuditRecord.objects.filter(action="change", target_id=str(case.pk)).values_list(
            "detail", flat=True
        )
    )


def follow(http, response):
    """The page the redirect leads to (POST-redirect-GET)."""
    assert response.status_code == 302
    return http.get(response["Location"])


def test_move_a_step(officer_http, case):
    response = officer_http.post(
        url("step-update", case), {"step": "completeness-check", "state": "completed"}
    )
    assert response["Location"] == url("case", case)
    assert step_state(case, "completeness-check") == "completed"
    assert changes(case) == ["step completeness-check moved to completed"]
    page = follow(officer_http, response)
    assert "The step “Completeness check” is now “Completed”." in page.text
    latest = page.context["timeline"][0]
    assert (latest.step_name, latest.old_state_label, latest.new_state_label) == (
        "Completeness check",
        "In progress",
        "Completed",
    )


def test_an_illegal_move_is_refused_naming_the_field_and_changes_nothing(officer_http, case):
    events = CaseEvent.objects.filter(case=case).count()
    version = case.version
    # Not started → action required is not a legal move (and not offered by the page).
    response = officer_http.post(
        url("step-update", case), {"step": "medical-exam", "state": "action_required"}
    )
    page = follow(officer_http, response)
    assert "New state: A step cannot go from “Not started” to “Action required”." in page.text
    assert 'role="alert"' in page.text
    assert step_state(case, "medical-exam") == "not_started"
    assert CaseEvent.objects.filter(case=case).count() == events
    assert Case.objects.get(pk=case.pk).version == version
    assert changes(case) == []


def test_an_illegal_move_is_explained_in_french_on_the_french_page(officer_http, case):
    response = officer_http.post(
        url("step-update", case, "fr"), {"step": "medical-exam", "state": "action_required"}
    )
    assert response["Location"] == url("case", case, "fr")
    page = follow(officer_http, response)
    assert "Nouvel état\u00a0: " in page.text
    assert step_state(case, "medical-exam") == "not_started"


def test_an_unknown_state_or_step_is_refused(officer_http, case):
    page = follow(
        officer_http,
        officer_http.post(url("step-update", case), {"step": "time-travel", "state": "completed"}),
    )
    assert "Step: This case has no step “time-travel”." in page.text
    page = follow(
        officer_http,
        officer_http.post(url("step-update", case), {"step": "completeness-check", "state": "x"}),
    )
    assert "New state: “x” is not a step state." in page.text
    assert changes(case) == []


def test_request_documents_with_a_note(officer_http, case):
    note = "Send a copy of your marriage certificate."
    response = officer_http.post(
        url("documents-request", case), {"step": "completeness-check", "client_note": note}
    )
    assert step_state(case, "completeness-check") == "action_required"
    assert changes(case) == ["documents requested at step completeness-check"]
    page = follow(officer_http, response)
    assert "Documents requested at the step “Completeness check”." in page.text
    latest = page.context["timeline"][0]
    assert (latest.new_state, latest.note) == ("action_required", note)
    assert note in page.text
    # The client reads the note through the one status selector.
    assert page.context["status"].history[-1].note == note


def test_request_documents_without_a_note_is_refused(officer_http, case):
    page = follow(
        officer_http,
        officer_http.post(
            url("documents-request", case), {"step": "completeness-check", "client_note": "  "}
        ),
    )
    assert (
        "Note to the client: Tell the client what they must do: the note is required." in page.text
    )
    assert step_state(case, "completeness-check") == "in_progress"
    assert changes(case) == []


def test_record_a_refusal(officer_http, case):
    response = officer_http.post(
        url("decision-record", case), {"outcome": "refused", "client_note": "See the letter."}
    )
    decided = Case.objects.get(pk=case.pk)
    assert (decided.status, decided.decision) == ("decided", "refused")
    assert changes(case) == ["decision recorded: refused"]
    page = follow(officer_http, response)
    assert "Decision recorded: Refused." in page.text
    assert page.context["timeline"][0].decision_label == "Refused"


def test_approval_with_open_steps_is_refused_naming_the_field(officer_http, case):
    page = follow(
        officer_http, officer_http.post(url("decision-record", case), {"outcome": "approved"})
    )
    assert (
        "Decision: Every step before the decision must be completed before approval." in page.text
    )
    assert Case.objects.get(pk=case.pk).status == "in_progress"
    assert changes(case) == []


def test_a_decision_without_an_outcome_is_refused(officer_http, case):
    page = follow(officer_http, officer_http.post(url("decision-record", case), {}))
    assert "Decision: The decision must be approved, refused or withdrawn." in page.text


def test_actions_on_an_unknown_case_are_404(officer_http, case):
    missing = Case(pk=999999)
    response = officer_http.post(
        url("step-update", missing), {"step": "completeness-check", "state": "completed"}
    )
    assert response.status_code == 404
    assert changes(missing) == []


def test_a_mandatory_step_is_not_offered_as_not_applicable(officer_http, case):
    page = officer_http.get(url("case", case))
    rows = {row.step.code: row for row in page.context["steps"]}
    assert "not_applicable" not in [state for state, _ in rows["background-check"].moves]
    assert "not_applicable" in [state for state, _ in rows["medical-exam"].moves]


def test_a_mandatory_step_cannot_be_skipped_by_a_crafted_request(officer_http, case):
    page = follow(
        officer_http,
        officer_http.post(
            url("step-update", case), {"step": "background-check", "state": "not_applicable"}
        ),
    )
    assert "New state: This step is mandatory: it cannot be marked not applicable." in page.text
    assert step_state(case, "background-check") == "not_started"
    assert changes(case) == []


def test_the_service_refuses_to_skip_a_mandatory_step_and_approval_without_it(case):
    """The rule lives in the service, so no channel (form, API, script) can get around it."""
    from guichet.cases.services import case_decide, case_step_update
    from guichet.core.errors import IllegalTransition
    from guichet.testing.factories import staff_make

    officer = staff_make("officer")
    with pytest.raises(IllegalTransition) as refused:
        case_step_update(
            case_id=case.pk, step_code="background-check", state="not_applicable", actor=officer
        )
    assert refused.value.field == "state"
    # A step already marked not applicable (older data) does not unblock an approval either.
    CaseStep.objects.filter(case=case, step_type__code="background-check").update(
        state="not_applicable"
    )
    for step in CaseStep.objects.filter(case=case).exclude(
        step_type__code__in=["background-check", "final-decision"]
    ):
        CaseStep.objects.filter(pk=step.pk).update(state="completed")
    with pytest.raises(IllegalTransition) as refused:
        case_decide(case_id=case.pk, outcome="approved", actor=officer)
    assert refused.value.field == "outcome"
    assert "mandatory" in str(refused.value.text("en"))
    assert Case.objects.get(pk=case.pk).status == "in_progress"
    # Refusal still closes it as not applicable: the check will not happen.
    case_decide(case_id=case.pk, outcome="refused", actor=officer)
