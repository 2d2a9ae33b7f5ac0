"""The service-standard clock against hand-computed cases."""

import datetime as dt

import pytest

from guichet.cases.models import EventKind
from guichet.catalogue.models import StepState
from guichet.core.errors import NotFound
from guichet.standards import clock_events
from guichet.standards.clock import OUT_OF_ORDER, case_clock_get
from guichet.standards.clock_events import ClockEffect, clock_event_type_of
from guichet.standards.days import day_of
from guichet.standards.models import CaseClock
from guichet.standards.tests.helpers import at, decide, pause, received, step

pytestmark = pytest.mark.django_db

D = dt.date.fromisoformat


def test_every_case_event_has_a_clock_event_type():
    """A new kind or state cannot leave the clock silently wrong."""
    for kind in EventKind.values:
        states = StepState.values if kind == EventKind.STEP else [""]
        for old in states:
            for new in states:
                assert clock_event_type_of(kind, old, new).code in clock_events.REGISTRY
    with pytest.raises(ValueError):
        clock_event_type_of("reopened")


def test_registry_says_which_events_start_pause_resume_and_stop():
    effects = {t.code: t.effect for t in clock_events.REGISTRY.values()}
    assert effects == {
        "application_received": ClockEffect.START,
        "client_action_requested": ClockEffect.PAUSE,
        "client_action_received": ClockEffect.RESUME,
        "step_progressed": ClockEffect.NONE,
        "decision_recorded": ClockEffect.STOP,
        "application_incomplete": ClockEffect.INCOMPLETE,
        "application_complete": ClockEffect.COMPLETE,
        "application_completed_by_answer": ClockEffect.COMPLETE,
    }
    assert clock_event_type_of("step", "in_progress", "action_required").effect == "pause"
    assert clock_event_type_of("step", "action_required", "completed").effect == "resume"
    assert clock_event_type_of("step", "not_started", "in_progress").effect == "none"
    check = "completeness-check"
    assert clock_event_type_of("step", "in_progress", "action_required", check).effect == (
        "incomplete"
    )
    assert clock_event_type_of("step", "in_progress", "completed", check).effect == "complete"
    by_answer = clock_event_type_of("step", "action_required", "completed", check)
    assert by_answer.effect == "complete" and by_answer.resumes


def test_a_pause_is_left_out_of_the_clock_at_any_date():
    # Received 5 Jan, complete on arrival; waits on the client 10 Jan → 20 Jan; refused 6 Mar.
    case = received("2026-01-05")
    step(case, "completeness-check", "completed", "2026-01-06")
    step(case, "sponsor-eligibility", "in_progress", "2026-01-06")
    pause(case, "2026-01-10", "2026-01-20", code="sponsor-eligibility")
    decide(case, "2026-03-06")

    before = case_clock_get(case_id=case.pk, on=D("2026-01-08"))
    assert (before.state, before.elapsed_days, before.paused_days, before.clock_days) == (
        "running",
        3,
        0,
        3,
    )
    during = case_clock_get(case_id=case.pk, on=D("2026-01-15"))
    assert (during.state, during.elapsed_days, during.paused_days, during.clock_days) == (
        "paused",
        10,
        5,
        5,
    )
    after = case_clock_get(case_id=case.pk, on=D("2026-02-01"))
    assert (after.elapsed_days, after.paused_days, after.clock_days) == (27, 10, 17)
    # 5 Jan → 6 Mar is 60 days, 10 of them paused; the clock stays stopped after that.
    stopped = case_clock_get(case_id=case.pk, on=D("2026-06-01"))
    assert (stopped.state, stopped.elapsed_days, stopped.paused_days, stopped.clock_days) == (
        "stopped",
        60,
        10,
        50,
    )
    assert stopped.started_on == D("2026-01-05")
    assert stopped.stopped_on == D("2026-03-06")

    row = CaseClock.objects.get(case_id=case.pk)
    assert (row.received_day, row.decided_day) == (day_of(D("2026-01-05")), day_of(D("2026-03-06")))
    assert (row.paused_days, row.clock_days, row.step_type_id) == (10, 50, None)
    assert (row.started_day, row.start_basis) == (day_of(D("2026-01-05")), "arrival")


def test_a_complete_application_starts_the_clock_at_receipt_back_dated():
    # Received 5 Jan; the completeness check is passed on 25 Jan without asking for anything:
    # the application was complete on arrival, so its clock ran from 5 Jan.
    case = received("2026-01-05")
    step(case, "completeness-check", "completed", "2026-01-25")
    decide(case, "2026-02-04")
    row = CaseClock.objects.get(case_id=case.pk)
    assert (row.started_day, row.start_basis, row.clock_days) == (
        day_of(D("2026-01-05")),
        "arrival",
        30,
    )
    reading = case_clock_get(case_id=case.pk, on=D("2026-01-20"))
    assert (reading.state, reading.started_on, reading.clock_days) == (
        "running",
        D("2026-01-05"),
        15,
    )


def test_an_incomplete_application_starts_the_clock_when_the_check_is_passed():
    # Received 5 Jan; on 10 Jan the check asks for a missing form; the client sends it on
    # 20 Jan; the check is passed on 1 Feb; a step waits on the client 10 → 15 Feb; refused
    # 3 Mar. The clock starts on 1 Feb: 30 days to the decision, 5 paused, 25 clock days
    # (counted from receipt, less the pauses, it would have been 47).
    case = received("2026-01-05")
    pause(case, "2026-01-10", "2026-01-20")
    waiting = case_clock_get(case_id=case.pk, on=D("2026-01-25"))
    assert (waiting.state, waiting.started_on, waiting.clock_days) == ("incomplete", None, 0)
    row = CaseClock.objects.get(case_id=case.pk)
    assert (row.started_day, row.start_basis) == (None, "incomplete")

    step(case, "completeness-check", "completed", "2026-02-01")
    step(case, "sponsor-eligibility", "in_progress", "2026-02-01")
    pause(case, "2026-02-10", "2026-02-15", code="sponsor-eligibility")
    decide(case, "2026-03-03")
    row.refresh_from_db()
    assert (row.received_day, row.started_day, row.start_basis) == (
        day_of(D("2026-01-05")),
        day_of(D("2026-02-01")),
        "completed",
    )
    assert (row.paused_days, row.clock_days) == (5, 25)
    reading = case_clock_get(case_id=case.pk, on=D("2026-03-31"))
    assert (reading.state, reading.started_on, reading.elapsed_days, reading.clock_days) == (
        "stopped",
        D("2026-02-01"),
        30,
        25,
    )


def test_an_answer_that_completes_the_application_ends_the_wait_and_starts_the_clock():
    case = received("2026-01-05")
    step(case, "completeness-check", "action_required", "2026-01-10")
    step(case, "completeness-check", "completed", "2026-01-20")  # the answer settles it
    decide(case, "2026-01-30")
    row = CaseClock.objects.get(case_id=case.pk)
    assert (row.started_day, row.waiting_steps, row.paused_days, row.clock_days) == (
        day_of(D("2026-01-20")),
        0,
        0,
        10,
    )


def test_a_reopened_check_after_the_start_is_a_pause_not_a_new_start():
    case = received("2026-01-05")
    step(case, "completeness-check", "completed", "2026-01-06")
    pause(case, "2026-01-10", "2026-01-14")  # completed → action_required → in progress
    decide(case, "2026-01-25")
    row = CaseClock.objects.get(case_id=case.pk)
    assert (row.started_day, row.paused_days, row.clock_days) == (day_of(D("2026-01-05")), 4, 16)


def test_a_decision_on_an_application_never_complete_counts_from_receipt_less_pauses():
    case = received("2026-01-05")
    pause(case, "2026-01-10", "2026-01-20")
    decide(case, "2026-01-30", outcome="withdrawn")
    row = CaseClock.objects.get(case_id=case.pk)
    assert (row.started_day, row.start_basis, row.clock_days) == (
        day_of(D("2026-01-05")),
        "incomplete",
        15,
    )


def test_a_rebuilt_clock_applies_the_completeness_rule():
    from guichet.standards.clocks import clocks_rebuild

    case = received("2026-01-05")
    pause(case, "2026-01-10", "2026-01-20")
    step(case, "completeness-check", "completed", "2026-02-01")
    decide(case, "2026-03-03")
    before = CaseClock.objects.values_list("started_day", "clock_days", "start_basis").get()
    CaseClock.objects.all().delete()
    assert clocks_rebuild() == 1
    after = CaseClock.objects.values_list("started_day", "clock_days", "start_basis").get()
    assert after == before == (day_of(D("2026-02-01")), 30, "completed")


def test_hours_count_from_the_completion_of_the_application():
    from guichet.cases.services import case_decide

    # A PR card complete on 2 Feb at 12:00 after asking for a photo; decided 5 Feb at 14:00.
    case = received("2026-01-26", "pr-card", "online")
    step(case, "completeness-check", "action_required", "2026-01-28")
    step(case, "completeness-check", "completed", "2026-02-02")
    case_decide(case_id=case.pk, outcome="refused", actor=None, at=at("2026-02-05", 14))
    assert CaseClock.objects.get(case_id=case.pk).clock_hours == 74


def test_overlapping_pauses_count_once_and_a_decision_ends_a_pause():
    case = received("2026-01-05")
    step(case, "completeness-check", "completed", "2026-01-06")
    step(case, "sponsor-eligibility", "in_progress", "2026-01-06")
    step(case, "eligibility", "in_progress", "2026-01-06")
    step(case, "sponsor-eligibility", "action_required", "2026-01-10")  # pause from 10 Jan
    step(case, "eligibility", "action_required", "2026-01-12")
    step(case, "sponsor-eligibility", "in_progress", "2026-01-15")  # still one waiting
    row = CaseClock.objects.get(case_id=case.pk)
    assert (row.waiting_steps, row.paused_since_day) == (1, day_of(D("2026-01-10")))
    assert row.step_type.code == "eligibility"  # the step the case waits on
    decide(case, "2026-01-25")  # refused while waiting: the pause ends with the clock
    stopped = case_clock_get(case_id=case.pk, on=D("2026-02-01"))
    assert (stopped.elapsed_days, stopped.paused_days, stopped.clock_days) == (20, 15, 5)
    row.refresh_from_db()
    assert (row.paused_days, row.clock_days, row.waiting_steps) == (15, 5, 0)


def test_events_out_of_order_make_the_clock_unreadable_not_wrong():
    case = received("2026-01-05")
    step(case, "completeness-check", "action_required", "2026-01-20")
    # Entered later, but dated before the previous event.
    step(case, "completeness-check", "in_progress", "2026-01-10")
    reading = case_clock_get(case_id=case.pk, on=D("2026-02-01"))
    assert reading.state == "unreadable"
    assert reading.problem == OUT_OF_ORDER
    assert reading.elapsed_days is None and reading.clock_days is None
    assert "out of order" in str(reading.problem_message)
    assert CaseClock.objects.get(case_id=case.pk).problem == OUT_OF_ORDER


def test_steps_after_the_decision_leave_the_clock_alone():
    # Citizenship: the oath ceremony comes after the decision (an approval).
    case = received("2026-01-05", "citizenship-grant")
    for code in (
        "completeness-check",
        "physical-presence",
        "language",
        "background-check",
        "knowledge-test",
        "interview",
        "additional-documents",
    ):
        step(case, code, "completed", "2026-01-20")
    decide(case, "2026-02-04", outcome="approved")
    step(case, "oath-ceremony", "in_progress", "2026-02-10")
    step(case, "oath-ceremony", "action_required", "2026-02-11")
    reading = case_clock_get(case_id=case.pk, on=D("2026-03-01"))
    assert (reading.state, reading.elapsed_days, reading.paused_days) == ("stopped", 30, 0)
    row = CaseClock.objects.get(case_id=case.pk)
    assert (row.problem, row.clock_days, row.decided_day) == ("", 30, day_of(D("2026-02-04")))


def test_a_date_before_receipt_reads_a_clock_not_started():
    case = received("2026-01-05")
    reading = case_clock_get(case_id=case.pk, on=D("2026-01-01"))
    assert (reading.state, reading.elapsed_days, reading.clock_days) == ("not_started", 0, 0)


def test_unknown_case():
    with pytest.raises(NotFound):
        case_clock_get(case_id=999_999, on=D("2026-01-01"))


def test_days_are_local_calendar_days():
    # 23:30 in Toronto on 5 Jan is 04:30 UTC on 6 Jan: still day 5 Jan.
    assert day_of(at("2026-01-05", 23).replace(minute=30)) == day_of(D("2026-01-05"))
