import datetime as dt

import pytest
from django.db import transaction
from django.utils import timezone

from guichet.cases.models import Case, CaseEvent, CaseStep
from guichet.cases.services import case_decide, case_receive, case_step_update
from guichet.cases.signals import case_changed, case_changed_in_transaction
from guichet.core.errors import IllegalTransition, InvalidInput, NotFound
from guichet.testing.factories import case_make, client_make, staff_make

pytestmark = pytest.mark.django_db


def _states(case):
    return [s.state for s in CaseStep.objects.filter(case=case).order_by("position")]


def _codes(case):
    return list(
        CaseStep.objects.filter(case=case)
        .order_by("position")
        .values_list("step_type__code", flat=True)
    )


def test_receive_paper_issues_a_p_number_and_starts_the_first_step():
    case = case_make(channel="paper")
    assert case.application_number.startswith("P") and len(case.application_number) == 10
    assert int(case.application_number[1:9]) == case.serial
    states = _states(case)
    assert states[0] == "in_progress" and set(states[1:]) == {"not_started"}
    kinds = list(case.events.order_by("sequence").values_list("kind", "sequence"))
    assert kinds == [("received", 1), ("step", 2)]
    assert case.version == 2


def test_receive_online_issues_an_e_number():
    assert case_make(service_code="visitor-visa", channel="online").application_number[0] == "E"


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"service_code": "time-machine", "channel": "paper"}, "service_code"),
        ({"service_code": "visitor-visa", "channel": "paper"}, "service_code"),
        ({"service_code": "spouse-in-canada", "channel": "fax"}, "channel"),
        (
            {
                "service_code": "spouse-in-canada",
                "channel": "paper",
                "received_at": timezone.now() + dt.timedelta(days=2),
            },
            "received_at",
        ),
    ],
)
def test_receive_refuses_bad_input_and_writes_nothing(kwargs, field):
    client = client_make()
    with pytest.raises((InvalidInput, NotFound)) as error:
        case_receive(client=client, **kwargs)
    assert error.value.field == field
    assert Case.objects.count() == 0 and CaseEvent.objects.count() == 0


def test_step_update_records_who_when_and_the_old_and_new_state():
    officer = staff_make("officer")
    case = case_make()
    case_step_update(
        case_id=case.pk, step_code="completeness-check", state="completed", actor=officer
    )
    event = case.events.order_by("-sequence").first()
    assert (event.old_state, event.new_state, event.actor, event.sequence) == (
        "in_progress",
        "completed",
        officer,
        3,
    )
    case.refresh_from_db()
    assert case.version == 3 and case.updated_at == event.at


def test_illegal_transition_raises_and_changes_nothing():
    officer = staff_make("officer")
    case = case_make()
    # not_started -> action_required is not a move a step can make.
    second = _codes(case)[1]
    with pytest.raises(IllegalTransition) as error:
        case_step_update(
            case_id=case.pk,
            step_code=second,
            state="action_required",
            actor=officer,
            client_note="Send us your passport.",
        )
    assert error.value.field == "state"
    assert error.value.text("fr") == (
        "Une étape ne peut pas passer de «\u00a0Pas commencée\u00a0» "
        "à «\u00a0Action requise\u00a0»."
    )
    assert _states(case)[1] == "not_started"
    assert case.events.count() == 2
    case.refresh_from_db()
    assert case.version == 2


def test_unknown_state_and_unknown_step_are_named_errors():
    officer = staff_make("officer")
    case = case_make()
    with pytest.raises(IllegalTransition):
        case_step_update(
            case_id=case.pk, step_code="completeness-check", state="teleported", actor=officer
        )
    with pytest.raises(NotFound) as error:
        case_step_update(
            case_id=case.pk, step_code="oath-ceremony", state="in_progress", actor=officer
        )
    assert error.value.field == "step"


def test_requesting_action_needs_a_note_for_the_client():
    officer = staff_make("officer")
    case = case_make()
    with pytest.raises(InvalidInput) as error:
        case_step_update(
            case_id=case.pk,
            step_code="completeness-check",
            state="action_required",
            actor=officer,
            client_note="  ",
        )
    assert error.value.field == "client_note"
    case_step_update(
        case_id=case.pk,
        step_code="completeness-check",
        state="action_required",
        actor=officer,
        client_note="Send the missing fee receipt.",
    )
    assert case.events.order_by("-sequence").first().client_note == "Send the missing fee receipt."


def test_the_decision_step_is_completed_only_by_a_decision():
    officer = staff_make("officer")
    case = case_make()
    with pytest.raises(IllegalTransition):
        case_step_update(
            case_id=case.pk, step_code="final-decision", state="completed", actor=officer
        )


def test_approval_needs_every_earlier_step_closed():
    officer = staff_make("officer")
    case = case_make()
    with pytest.raises(IllegalTransition) as error:
        case_decide(case_id=case.pk, outcome="approved", actor=officer)
    assert error.value.field == "outcome"
    case.refresh_from_db()
    assert case.status == "in_progress" and case.decision == ""


def test_approval_after_every_step_closes_the_case():
    officer = staff_make("officer")
    case = case_make()
    for code in _codes(case)[:-1]:
        state = "completed" if code != "interview" else "not_applicable"
        case_step_update(case_id=case.pk, step_code=code, state=state, actor=officer)
    case = case_decide(case_id=case.pk, outcome="approved", actor=officer)
    assert (case.status, case.decision) == ("decided", "approved")
    assert _states(case)[-1] == "completed"
    assert case.events.order_by("-sequence").first().kind == "decided"


def test_refusal_closes_open_steps_and_locks_the_case():
    officer = staff_make("officer")
    case = case_make()
    case_decide(case_id=case.pk, outcome="refused", actor=officer, client_note="See letter.")
    assert set(_states(case)[:-1]) == {"not_applicable"}
    with pytest.raises(IllegalTransition):
        case_step_update(
            case_id=case.pk, step_code="completeness-check", state="in_progress", actor=officer
        )
    with pytest.raises(IllegalTransition):
        case_decide(case_id=case.pk, outcome="approved", actor=officer)
    with pytest.raises(InvalidInput):
        case_decide(case_id=case_make().pk, outcome="maybe", actor=officer)


def test_history_is_append_only():
    case = case_make()
    event = case.events.first()
    event.client_note = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    with pytest.raises(PermissionError):
        CaseEvent.objects.filter(case=case).update(client_note="rewritten")
    with pytest.raises(PermissionError):
        CaseEvent.objects.filter(case=case).delete()


def test_domain_events_leave_only_after_commit(django_capture_on_commit_callbacks):
    heard = []

    def listener(sender, **kwargs):
        heard.append(kwargs["kind"])

    case_changed.connect(listener)
    try:
        with django_capture_on_commit_callbacks(execute=False) as callbacks:
            case_make()
        assert heard == []  # nothing before the commit
        for callback in callbacks:
            callback()
        assert heard == ["received"]
    finally:
        case_changed.disconnect(listener)


def test_in_transaction_listeners_roll_back_with_the_change():
    def failing_listener(sender, **kwargs):
        raise RuntimeError("outbox unavailable")

    case_changed_in_transaction.connect(failing_listener)
    client = client_make()
    try:
        # A caller that goes on after a failed write keeps a savepoint of its own: the
        # service adds none (one query fewer on every receipt).
        with pytest.raises(RuntimeError), transaction.atomic():
            case_receive(client=client, service_code="spouse-in-canada", channel="paper")
    finally:
        case_changed_in_transaction.disconnect(failing_listener)
    assert Case.objects.count() == 0 and CaseEvent.objects.count() == 0


def test_after_approval_only_the_steps_that_follow_the_decision_may_move():
    officer = staff_make("officer")
    case = case_make(service_code="citizenship-grant")
    codes = _codes(case)
    decision_at = codes.index("final-decision")
    for code in codes[:decision_at]:
        case_step_update(case_id=case.pk, step_code=code, state="completed", actor=officer)
    case_decide(case_id=case.pk, outcome="approved", actor=officer)
    with pytest.raises(IllegalTransition):
        case_step_update(
            case_id=case.pk, step_code="final-decision", state="in_progress", actor=officer
        )
    case_step_update(case_id=case.pk, step_code="oath-ceremony", state="in_progress", actor=officer)
    assert _states(case)[codes.index("oath-ceremony")] == "in_progress"
