"""Invariants every seeded case must satisfy: what the case services would have written."""

import datetime as dt
import itertools
from collections import defaultdict

from guichet.cases.models import Case, CaseEvent, CaseStep
from guichet.cases.transitions import transition_check
from guichet.catalogue.selectors import catalogue_get
from guichet.demo.generator import TIME_ZONE

DECISION_STEP = "final-decision"
CLOSED = ("completed", "not_applicable")


def case_problems(case: Case, steps: list[CaseStep], events: list[CaseEvent]) -> list[str]:
    """Everything wrong with one case, as readable lines (empty when all is well)."""
    problems: list[str] = []
    catalogue = catalogue_get()
    expected = catalogue.service_steps[case.service_id]
    if [s.step_type_id for s in steps] != expected:
        problems.append("steps differ from the service's steps")
    if [s.position for s in steps] != list(range(1, len(expected) + 1)):
        problems.append("step positions are not 1..n")
    if [e.sequence for e in events] != list(range(1, len(events) + 1)):
        problems.append("event sequences are not 1..n")
    if case.version != len(events):
        problems.append(f"version {case.version} != {len(events)} events")
    if not events or events[0].kind != "received" or events[0].at != case.received_at:
        problems.append("the first event is not the receipt")
    first = events[1] if len(events) > 1 else None
    if first is None or (first.kind, first.step_type_id, first.old_state, first.new_state) != (
        "step",
        expected[0],
        "not_started",
        "in_progress",
    ):
        problems.append("the second event does not start the first step")
    if any(b.at < a.at for a, b in itertools.pairwise(events)):
        problems.append("events go back in time")
    if events and case.updated_at != events[-1].at:
        problems.append("updated_at is not the last event's time")

    codes = [catalogue.step_types[i].code for i in expected]
    decision_pos = codes.index(DECISION_STEP) if DECISION_STEP in codes else len(codes) - 1
    position = {step_type: n for n, step_type in enumerate(expected)}
    states = ["in_progress"] + ["not_started"] * (len(expected) - 1)
    updated = [case.received_at] * len(expected)
    decided = None
    for n, event in enumerate(events[2:], start=2):
        if event.kind == "decided":
            if decided is not None:
                problems.append("decided twice")
            decided = event
            if event.decision == "approved" and any(s not in CLOSED for s in states[:decision_pos]):
                problems.append("approved with open steps")
            continue
        if event.kind != "step":
            problems.append(f"unexpected event kind {event.kind}")
            continue
        pos = position[event.step_type_id]
        if event.old_state != states[pos]:
            problems.append(f"event {event.sequence}: old state {event.old_state} != {states[pos]}")
        try:
            transition_check(event.old_state, event.new_state)
        except Exception as error:  # reported with the case
            problems.append(f"event {event.sequence}: {error}")
        if event.new_state == "action_required" and not event.client_note:
            problems.append(f"event {event.sequence}: action required without a note")
        if decided is not None and pos < decision_pos:
            problems.append(f"event {event.sequence}: a step moved after the decision")
        if pos == decision_pos and event.new_state == "completed":
            following = events[n + 1] if n + 1 < len(events) else None
            if following is None or following.kind != "decided" or following.at != event.at:
                problems.append("the decision step was completed outside a decision")
        states[pos], updated[pos] = event.new_state, event.at
    if [s.state for s in steps] != states:
        problems.append(f"step states {[s.state for s in steps]} != history {states}")
    if [s.updated_at for s in steps] != updated:
        problems.append("step updated_at does not match the history")
    if decided is None:
        if (case.status, case.decision, case.decided_at) != ("in_progress", "", None):
            problems.append("open case with a decision")
    elif (case.status, case.decision, case.decided_at) != ("decided", decided.decision, decided.at):
        problems.append("decision fields do not match the decided event")
    return problems


def population_problems(as_of: dt.date) -> dict[str, list[str]]:
    """Check every case of the database; {application number: problems} for bad ones."""
    steps: dict[int, list[CaseStep]] = defaultdict(list)
    for step in CaseStep.objects.order_by("case_id", "position"):
        steps[step.case_id].append(step)
    events: dict[int, list[CaseEvent]] = defaultdict(list)
    for event in CaseEvent.objects.order_by("case_id", "sequence"):
        events[event.case_id].append(event)
    anchor = dt.datetime.combine(as_of, dt.time(), tzinfo=TIME_ZONE)
    bad: dict[str, list[str]] = {}
    for case in Case.objects.order_by("pk"):
        problems = case_problems(case, steps[case.pk], events[case.pk])
        if events[case.pk] and events[case.pk][-1].at >= anchor:
            problems.append("an event after the as-of date")
        if problems:
            bad[case.application_number] = problems
    return bad
