"""Keeping CaseClock rows current: on every case change, and rebuilt from events on demand."""

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Max

from guichet.cases.models import Case, CaseEvent, CaseStep, Decision, EventKind
from guichet.cases.signals import CaseWritten
from guichet.catalogue.models import StepState
from guichet.catalogue.selectors import catalogue_get
from guichet.standards import clock_bulk
from guichet.standards.clock import ClockState, step_codes
from guichet.standards.clock_events import COMPLETENESS_CHECK, clock_event_type_of
from guichet.standards.days import day_of
from guichet.standards.definitions import case_standard_days
from guichet.standards.models import CaseClock
from guichet.standards.services import (
    clock_row_insert,
    clock_row_save,
    clock_rows_bulk_write,
    clock_rows_replace,
)

REBUILD_BATCH = 2000
BULK_CHUNK = 100_000  # cases per set-based chunk (≈ 1,000,000 events, a few hundred MB)


def _target_days(service_id: int, applied_from: str) -> int | None:
    service = catalogue_get().services.get(service_id)
    return case_standard_days(service.code, applied_from) if service else None


def _state_of(row: CaseClock) -> ClockState:
    return ClockState(
        received_day=row.received_day,
        start_day=row.started_day,
        started_at=row.started_at,
        basis=row.start_basis,
        stop_day=row.decided_day,
        paused_days=row.paused_days,
        paused_since=row.paused_since_day,
        waiting=row.waiting_steps,
        last_at=row.last_event_at,
        problem=row.problem,
    )


def current_step(steps: Iterable[tuple[int, int, str]]) -> tuple[int | None, int]:
    """(step_type_id, position) of the step a case waits on, as the status page shows it:
    the first asking for action, else the first in progress, else the first not started."""
    ordered = sorted(steps, key=lambda step: step[1])
    for wanted in (StepState.ACTION_REQUIRED, StepState.IN_PROGRESS, StepState.NOT_STARTED):
        for step_type_id, position, state in ordered:
            if state == wanted:
                return step_type_id, position
    return None, 0


def _apply(
    row: CaseClock,
    state: ClockState,
    kind: str,
    old_state: str,
    new_state: str,
    at: Any,
    decision: str,
    step_code: str,
    received_at: Any = None,
) -> None:
    """Fold one event into the clock; the first decision also says whether it was a
    withdrawal (left out of processing times and compliance, counted apart)."""
    stopped = state.stop_day is not None
    state.apply(clock_event_type_of(kind, old_state, new_state, step_code), at)
    if kind == EventKind.DECIDED and not stopped:
        row.withdrawn = decision == Decision.WITHDRAWN
        started_at = state.started_at
        if started_at is None and received_at is None:
            received_at = Case.objects.values_list("received_at", flat=True).get(pk=row.case_id)
        seconds = (at - (started_at or received_at)).total_seconds() - state.paused_days * 86400
        row.clock_hours = max(0, math.ceil(seconds / 3600))


def _fill(row: CaseClock, state: ClockState, steps: Iterable[tuple[int, int, str]]) -> None:
    row.received_day = state.received_day if state.received_day is not None else row.received_day
    row.started_day = state.start_day
    row.started_at = state.started_at
    row.start_basis = state.basis
    row.decided_day = state.stop_day
    row.paused_days = state.paused_days
    row.paused_since_day = state.paused_since
    row.waiting_steps = state.waiting
    row.last_event_at = state.last_at
    row.problem = state.problem
    if state.stop_day is not None:
        start = state.start_day if state.start_day is not None else row.received_day
        row.clock_days = state.stop_day - start - state.paused_days
        row.step_type_id, row.step_position = None, 0
    else:
        row.clock_days = None
        row.step_type_id, row.step_position = current_step(steps)


def clock_record(*, case_id: int) -> CaseClock:
    """Fold a case's new events into its clock row (created on the first). Called inside the
    transaction of the change, while the case row is locked."""
    row = CaseClock.objects.filter(case_id=case_id).first()
    if row is None:
        service_id, received_at, applied_from = Case.objects.values_list(
            "service_id", "received_at", "applied_from"
        ).get(pk=case_id)
        row = CaseClock(
            case_id=case_id,
            service_id=service_id,
            received_day=day_of(received_at),
            target_days=_target_days(service_id, applied_from),
        )
        state = ClockState()
    else:
        state = _state_of(row)
    events = list(
        CaseEvent.objects.filter(case_id=case_id, sequence__gt=row.last_sequence)
        .order_by("sequence")
        .values_list("sequence", "kind", "old_state", "new_state", "at", "decision", "step_type_id")
    )
    codes = step_codes()
    for sequence, kind, old_state, new_state, at, decision, step_type_id in events:
        _apply(row, state, kind, old_state, new_state, at, decision, codes.get(step_type_id, ""))
        row.last_sequence = sequence
    steps = CaseStep.objects.filter(case_id=case_id).values_list(
        "step_type_id", "position", "state"
    )
    _fill(row, state, steps)
    clock_row_save(row)
    return row


def clock_on_case_changed(
    sender: Any, *, case_id: int, written: CaseWritten | None = None, **kwargs: Any
) -> None:
    if written is not None:  # a case just received: built from its rows, nothing read back
        clock_record_new(written)
    else:
        clock_record(case_id=case_id)


def clock_record_new(written: CaseWritten) -> CaseClock:
    """The clock row of a case just written, from the rows its service wrote (the case, every
    step and every event, as CaseWritten promises): the fold clock_record does, with no read
    and one INSERT. tests/test_clock_new.py checks both give the same row."""
    case = written.case
    row = CaseClock(
        case_id=case.pk,
        service_id=case.service_id,
        received_day=day_of(case.received_at),
        target_days=_target_days(case.service_id, case.applied_from),
    )
    state = ClockState()
    codes = step_codes()
    for event in sorted(written.events, key=lambda e: e.sequence):
        _apply(
            row,
            state,
            event.kind,
            event.old_state,
            event.new_state,
            event.at,
            event.decision,
            codes.get(event.step_type_id or 0, ""),
            received_at=case.received_at,
        )
        row.last_sequence = event.sequence
    _fill(row, state, [(s.step_type_id, s.position, s.state) for s in written.steps])
    clock_row_insert(row)
    return row


def _steps_on(
    steps: list[tuple[int, int, str]], events: list[tuple[Any, ...]]
) -> list[tuple[int, int, str]]:
    """Each step's state as the events up to some day left it (not started without one)."""
    last: dict[int, str] = {}
    for _sequence, kind, _old, new_state, _at, _decision, step_type_id in events:
        if kind == EventKind.STEP and step_type_id is not None:
            last[step_type_id] = new_state
    return [
        (step_type_id, position, last.get(step_type_id, StepState.NOT_STARTED))
        for step_type_id, position, _state in steps
    ]


@dataclass(frozen=True)
class ClocksBuilt:
    """What a build of clock rows did: rows written, and of them, folded one case at a time
    (histories the set-based build leaves to the Python fold: see clock_bulk)."""

    total: int
    folded: int


def clocks_rebuild(
    *, case_ids: list[int] | None = None, after_case_id: int = 0, until_day: int | None = None
) -> int:
    """Rebuild clock rows from the events, for some cases or all; returns how many.

    For data written around guichet.cases.services (bulk loads) and after a change to the
    registry. Runs in batches, each its own transaction. Every case (or every case after
    `after_case_id`) is built set-based (clocks_build); a list of cases, or `until_day`, is
    folded case by case. With `until_day`, only the events up to the end of that day count,
    and each step's state is the one they left: the rows as they stood then (for figures as
    of a past date, inside a transaction rolled back after).
    """
    if case_ids is None and until_day is None:
        return clocks_build(after_case_id=after_case_id).total
    codes = step_codes()
    total = 0
    if case_ids is not None:
        # In chunks of ids: one IN list per batch stays under SQLite's parameter limit.
        ordered = sorted(case_ids)
        for start in range(0, len(ordered), REBUILD_BATCH):
            chunk = ordered[start : start + REBUILD_BATCH]
            batch = list(
                Case.objects.filter(pk__in=chunk)
                .order_by("pk")
                .values_list("pk", "service_id", "received_at", "applied_from")
            )
            total += _rebuild_batch(batch, codes, until_day)
        return total
    last = after_case_id
    while True:
        batch = list(
            Case.objects.order_by("pk")
            .filter(pk__gt=last)
            .values_list("pk", "service_id", "received_at", "applied_from")[:REBUILD_BATCH]
        )
        if not batch:
            return total
        last = batch[-1][0]
        total += _rebuild_batch(batch, codes, until_day)


def clocks_build(*, after_case_id: int = 0, chunk: int = BULK_CHUNK) -> ClocksBuilt:
    """Build the clock rows of every case after `after_case_id` from their events,
    set-based (clock_bulk), one transaction per chunk of cases; the few histories it cannot
    decide exactly are folded case by case in the same transaction."""
    codes = step_codes()
    check_ids = [pk for pk, code in codes.items() if code == COMPLETENESS_CHECK]
    total = folded = 0
    last = after_case_id
    while True:
        built = clock_bulk.chunk_build(
            after_case_id=last, limit=chunk, check_ids=check_ids, target_days=_target_days
        )
        if built is None:
            return ClocksBuilt(total=total, folded=folded)
        with transaction.atomic():
            clock_rows_bulk_write(
                first_case_id=built.first_case_id,
                last_case_id=built.last_case_id,
                columns=clock_bulk.COLUMNS,
                rows=built.rows,
            )
            if built.irregular:
                folded += clocks_rebuild(case_ids=built.irregular)
        total += len(built.rows) + len(built.irregular)
        last = built.last_case_id


def _rebuild_batch(
    batch: list[tuple[int, int, Any, str]], codes: dict[int, str], until_day: int | None
) -> int:
    ids = [pk for pk, *_rest in batch]
    events: dict[int, list[tuple[int, str, str, str, Any, str, int | None]]] = defaultdict(list)
    for case_id, *event in (
        CaseEvent.objects.filter(case_id__in=ids)
        .order_by("case_id", "sequence")
        .values_list(
            "case_id",
            "sequence",
            "kind",
            "old_state",
            "new_state",
            "at",
            "decision",
            "step_type_id",
        )
    ):
        events[case_id].append(tuple(event))  # type: ignore[arg-type]
    steps: dict[int, list[tuple[int, int, str]]] = defaultdict(list)
    for case_id, *step in CaseStep.objects.filter(case_id__in=ids).values_list(
        "case_id", "step_type_id", "position", "state"
    ):
        steps[case_id].append(tuple(step))  # type: ignore[arg-type]
    rows = []
    for pk, service_id, received_at, applied_from in batch:
        row = CaseClock(
            case_id=pk,
            service_id=service_id,
            received_day=day_of(received_at),
            target_days=_target_days(service_id, applied_from),
        )
        state = ClockState()
        case_events = events[pk]
        case_steps = steps[pk]
        if until_day is not None:
            case_events = [event for event in case_events if day_of(event[4]) <= until_day]
            case_steps = _steps_on(case_steps, case_events)
        for sequence, kind, old_state, new_state, at, decision, step_type_id in case_events:
            code = codes.get(step_type_id, "") if step_type_id else ""
            _apply(row, state, kind, old_state, new_state, at, decision, code, received_at)
            row.last_sequence = sequence
        _fill(row, state, case_steps)
        rows.append(row)
    clock_rows_replace(case_ids=ids, rows=rows)
    return len(rows)


def clocks_sync_new() -> int:
    """Give a clock row to cases newer than the newest clock (cases loaded in bulk)."""
    newest = CaseClock.objects.aggregate(newest=Max("case_id"))["newest"] or 0
    if not Case.objects.filter(pk__gt=newest).exists():
        return 0
    return clocks_rebuild(after_case_id=newest)
