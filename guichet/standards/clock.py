"""A case's service-standard clock, computed from its events, at any date.

`ClockState` folds clock events (see clock_events) in sequence order. Days are whole local
calendar days: a clock started on 1 March and read on 11 March has run 10 days; a pause from
3 March to 5 March counts 2. The clock starts at receipt of a complete application (see
clock_events: back-dated to receipt when the completeness check never asked for anything,
else on the day the check is passed); while the application is incomplete the clock has not
started. A decision on an application never found complete (refused or withdrawn as
incomplete) is counted from receipt less its pauses, as if it had been complete. The state
is what `CaseClock` rows store, so the same code keeps those rows current, rebuilds
them, and answers `case_clock_get` for any date.
"""

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import CaseEvent
from guichet.catalogue.selectors import catalogue_get
from guichet.core.errors import NotFound
from guichet.standards.clock_events import ClockEffect, ClockEventType, clock_event_type_of
from guichet.standards.days import date_of, day_of

# Why a clock cannot be read. Such a case is left out of processing times and compliance
# (and counted as left out), rather than given a made-up number of days.
OUT_OF_ORDER = "out_of_order"
NOT_STARTED = "not_started"
UNMATCHED_RESUME = "unmatched_resume"
PROBLEMS: dict[str, Promise] = {
    OUT_OF_ORDER: _("The case's events are out of order: one is dated before the one it follows."),
    NOT_STARTED: _("The case has events before its receipt."),
    UNMATCHED_RESUME: _("The case resumes a clock that was not paused."),
}


# What the clock's start is based on (CaseClock.start_basis).
ON_RECEIPT = ""  # received; the completeness check has not (yet) found anything missing
COMPLETE_ON_ARRIVAL = "arrival"  # check passed, nothing asked: back-dated to receipt
COMPLETED_LATER = "completed"  # check passed after asking the client: started that day
INCOMPLETE = "incomplete"  # the check asked the client for something: not started yet


@dataclass
class ClockState:
    """The clock after the events folded so far, in day numbers (see days.py)."""

    received_day: int | None = None
    start_day: int | None = None  # None: not received, or incomplete (not started)
    started_at: dt.datetime | None = None
    basis: str = ON_RECEIPT
    stop_day: int | None = None
    paused_days: int = 0  # closed pauses
    paused_since: int | None = None  # the day the pause under way started
    waiting: int = 0  # steps waiting on the client now
    last_at: dt.datetime | None = None
    problem: str = ""

    def apply(self, event_type: ClockEventType, at: dt.datetime) -> None:
        if self.last_at is not None and at < self.last_at:
            self._flag(OUT_OF_ORDER)
        self.last_at = at if self.last_at is None else max(self.last_at, at)
        day = day_of(at)
        effect = event_type.effect
        if effect == ClockEffect.START:
            if self.received_day is None or day < self.received_day:
                self.received_day = day
                if self.basis == ON_RECEIPT:
                    self.start_day, self.started_at = day, at
            return
        if self.received_day is None:
            self._flag(NOT_STARTED)
            return
        if self.stop_day is not None:
            # Steps after the decision (the citizenship oath ceremony) do not touch the clock.
            return
        if effect in (ClockEffect.PAUSE, ClockEffect.INCOMPLETE):
            self.waiting += 1
            if self.waiting == 1:
                self.paused_since = day
            if effect == ClockEffect.INCOMPLETE and self.basis == ON_RECEIPT:
                self.basis, self.start_day, self.started_at = INCOMPLETE, None, None
        elif effect == ClockEffect.RESUME or (
            effect == ClockEffect.COMPLETE and event_type.resumes
        ):
            if self.waiting == 0:
                self._flag(UNMATCHED_RESUME)
                return
            self.waiting -= 1
            if self.waiting == 0:
                self._close_pause(day)
        if effect == ClockEffect.COMPLETE:
            self._complete(day, at)
        elif effect == ClockEffect.STOP:
            self._close_pause(day)
            self.waiting = 0
            self.stop_day = day
            if self.start_day is None:  # never found complete: counted from receipt
                self.start_day = self.received_day

    def _complete(self, day: int, at: dt.datetime) -> None:
        if self.basis == ON_RECEIPT:
            self.basis = COMPLETE_ON_ARRIVAL
        elif self.basis == INCOMPLETE:
            # Complete from today: what came before (its pauses included) does not count.
            self.basis, self.start_day, self.started_at = COMPLETED_LATER, day, at
            self.paused_days = 0
            if self.paused_since is not None:
                self.paused_since = day

    def _close_pause(self, day: int) -> None:
        if self.paused_since is not None:
            self.paused_days += max(0, day - self.paused_since)
            self.paused_since = None

    def _flag(self, problem: str) -> None:
        self.problem = self.problem or problem

    def paused_on(self, day: int) -> int:
        """Days paused from the start to `day` (or to the stop, if earlier)."""
        end = day if self.stop_day is None else min(day, self.stop_day)
        ongoing = max(0, end - self.paused_since) if self.paused_since is not None else 0
        return self.paused_days + ongoing

    def elapsed_on(self, day: int) -> int:
        if self.start_day is None:
            return 0
        end = day if self.stop_day is None else min(day, self.stop_day)
        return max(0, end - self.start_day)


@dataclass(frozen=True)
class CaseClockReading:
    """One case's clock read on one date. Figures are None when the clock cannot be read."""

    case_id: int
    on: dt.date
    state: str  # not_started, incomplete, running, paused, stopped, or unreadable
    started_on: dt.date | None
    stopped_on: dt.date | None
    elapsed_days: int | None  # calendar days since the start (to the stop, if stopped)
    paused_days: int | None  # of which waiting on the client
    problem: str = ""

    @property
    def clock_days(self) -> int | None:
        """Days that count against the service standard: elapsed less paused."""
        if self.elapsed_days is None or self.paused_days is None:
            return None
        return self.elapsed_days - self.paused_days

    @property
    def problem_message(self) -> Promise | None:
        return PROBLEMS.get(self.problem)


def step_codes() -> dict[int, str]:
    """Step type id → code, from the per-process catalogue."""
    return {pk: step_type.code for pk, step_type in catalogue_get().step_types.items()}


def clock_fold(
    events: Sequence[tuple[str, str, str, dt.datetime, int | None]],
    codes: dict[int, str] | None = None,
) -> ClockState:
    """Fold (kind, old_state, new_state, at, step_type_id) tuples, already in sequence order."""
    codes = step_codes() if codes is None else codes
    state = ClockState()
    for kind, old_state, new_state, at, step_type_id in events:
        code = codes.get(step_type_id, "") if step_type_id else ""
        state.apply(clock_event_type_of(kind, old_state, new_state, code), at)
    return state


def case_clock_get(*, case_id: int, on: dt.date) -> CaseClockReading:
    """The clock of one case at the end of the day `on`, replayed from its events."""
    rows = list(
        CaseEvent.objects.filter(case_id=case_id)
        .order_by("sequence")
        .values_list("kind", "old_state", "new_state", "at", "step_type_id")
    )
    if not rows:
        raise NotFound(_("This case does not exist."), field="case")
    day = day_of(on)
    codes = step_codes()
    state = clock_fold([row for row in rows if day_of(row[3]) <= day], codes)
    # A problem anywhere in the history makes every reading of it doubtful.
    state.problem = state.problem or clock_fold(rows, codes).problem
    if state.problem:
        return CaseClockReading(case_id, on, "unreadable", None, None, None, None, state.problem)
    if state.received_day is None:
        return CaseClockReading(case_id, on, "not_started", None, None, 0, 0)
    if state.start_day is None:
        # Received, but the completeness check found it incomplete: the clock waits for it.
        return CaseClockReading(case_id, on, "incomplete", None, None, 0, 0)
    if state.stop_day is not None:
        status = "stopped"
    elif state.paused_since is not None:
        status = "paused"
    else:
        status = "running"
    return CaseClockReading(
        case_id=case_id,
        on=on,
        state=status,
        started_on=date_of(state.start_day),
        stopped_on=date_of(state.stop_day) if state.stop_day is not None else None,
        elapsed_days=state.elapsed_on(day),
        paused_days=state.paused_on(day),
    )
