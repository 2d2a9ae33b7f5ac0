"""The first build of CaseClock rows, set-based: for a bulk load of millions of cases.

For one chunk of cases (consecutive ids), one SELECT of their events ordered by case and
sequence goes into numpy arrays, and the fold of `ClockState.apply` (clock.py) is computed
over the whole chunk at once: group boundaries per case, the first receipt, the first
decision (later events leave the clock alone), the completeness check's first INCOMPLETE and
first COMPLETE (which decide the start basis and the day the pauses start counting from), and
a cumulative sum of the waiting steps (+1 when a step starts waiting on the client, -1 when
it stops) whose 0→1 and 1→0 crossings are the pauses: several steps waiting at once pause
once. The rows come back as columns; clocks.py writes them in one bulk insert.

A case whose history the arrays cannot decide exactly is returned apart, for the Python fold
(clocks._rebuild_batch): no events, a first event that is not the receipt, more than one
receipt, events out of order, a resume with nothing waiting, an event the registry does not
know. These are the cases that get a `problem` or that the fold rejects; the test oracle
(tests/test_clock_bulk.py) checks that both ways give the same rows, field by field.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import numpy as np
from django.db import connection
from django.utils import timezone

from guichet.cases.models import Case, CaseEvent, CaseStep, Decision, EventKind
from guichet.catalogue.models import StepState
from guichet.standards.clock import (
    COMPLETE_ON_ARRIVAL,
    COMPLETED_LATER,
    INCOMPLETE,
    ON_RECEIPT,
)
from guichet.standards.clock_events import COMPLETENESS_CHECK, ClockEffect, clock_event_type_of

# Effects as small integers (RESUMING_COMPLETE: a COMPLETE that also ends a wait).
NONE, START, PAUSE, RESUME, STOP, INCOMPLETE_EFFECT, COMPLETE, RESUMING_COMPLETE, UNKNOWN = range(9)
_EFFECT_CODES = {
    ClockEffect.NONE: NONE,
    ClockEffect.START: START,
    ClockEffect.PAUSE: PAUSE,
    ClockEffect.RESUME: RESUME,
    ClockEffect.STOP: STOP,
    ClockEffect.INCOMPLETE: INCOMPLETE_EFFECT,
    ClockEffect.COMPLETE: COMPLETE,
}
# Kinds and step states as codes in SQL; 0 is "something else" (left to the Python fold).
_KINDS = [str(kind) for kind in EventKind.values]
_STATES = ["", *(str(state) for state in StepState.values)]
_STEP = _KINDS.index(EventKind.STEP) + 1
_BASES = [ON_RECEIPT, COMPLETE_ON_ARRIVAL, COMPLETED_LATER, INCOMPLETE]

HOUR = 3_600_000_000  # microseconds
DAY = 24 * HOUR
_EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
_NEVER = np.iinfo(np.int64).max // 4
UNREADABLE = -(2**62)  # a date-time _micros_sql cannot read

COLUMNS = (
    "case_id",
    "service_id",
    "received_day",
    "started_day",
    "started_at",
    "start_basis",
    "decided_day",
    "clock_days",
    "withdrawn",
    "clock_hours",
    "target_days",
    "paused_days",
    "paused_since_day",
    "waiting_steps",
    "step_type_id",
    "step_position",
    "last_sequence",
    "last_event_at",
    "problem",
)


@dataclass
class Chunk:
    """One chunk's clock rows (COLUMNS order, ready for a bulk insert) and the cases left to
    the Python fold. The chunk covers case ids first_case_id..last_case_id."""

    first_case_id: int
    last_case_id: int
    rows: list[tuple[Any, ...]]
    irregular: list[int]


def _code_sql(column: str, values: list[str]) -> str:
    # Our own constants (event kinds, step states), never input: safe to inline.
    whens = " ".join(f"WHEN '{value}' THEN {code}" for code, value in enumerate(values, 1))
    return f"CASE {column} {whens} ELSE 0 END"


def _micros_sql(column: str) -> str:
    """Microseconds since 1970 (UTC) in SQL; UNREADABLE for text that is not Django's."""
    if connection.vendor == "postgresql":
        # EXTRACT returns numeric (PostgreSQL 14+): exact to the microsecond.
        return f"CAST(EXTRACT(EPOCH FROM {column}) * 1000000 AS BIGINT)"
    # SQLite holds Django's UTC text, "YYYY-MM-DD HH:MM:SS[.ffffff]": read as integers here
    # (the case falls to the Python fold when it holds anything else).
    return (
        f"CASE WHEN length({column}) = 19 "
        f"THEN CAST(strftime('%%s', {column}) AS INTEGER) * 1000000 "
        f"WHEN length({column}) = 26 AND substr({column}, 20, 1) = '.' "
        f"THEN CAST(strftime('%%s', substr({column}, 1, 19)) AS INTEGER) * 1000000 "
        f"+ CAST(substr({column}, 21) AS INTEGER) ELSE {UNREADABLE} END"
    )


def _micros(values: tuple[object, ...]) -> np.ndarray:
    micros = np.fromiter(values, dtype=np.int64, count=len(values))
    return micros


@lru_cache(maxsize=200_000)
def _offset(zone: dt.tzinfo, micros: int) -> int:
    moment = _EPOCH + dt.timedelta(microseconds=micros)
    offset = moment.astimezone(zone).utcoffset()
    return 0 if offset is None else offset // dt.timedelta(microseconds=1)


def local_days(micros: np.ndarray) -> np.ndarray:
    """days.day_of of each moment: its local date (the current time zone), as a day number.

    One UTC offset per hour that holds a moment; an hour whose offset changes inside it (a
    DST change) is converted moment by moment."""
    zone = timezone.get_current_timezone()
    if len(micros) == 0:
        return micros.copy()
    hours, inverse = np.unique(micros // HOUR, return_inverse=True)
    offsets = np.empty(len(hours), dtype=np.int64)
    split = np.zeros(len(hours), dtype=bool)
    for k, hour in enumerate(hours.tolist()):
        offsets[k] = _offset(zone, hour * HOUR)
        split[k] = _offset(zone, (hour + 1) * HOUR - 1) != offsets[k]
    local = micros + offsets[inverse]
    if split.any():
        for i in np.flatnonzero(split[inverse]).tolist():
            local[i] = micros[i] + _offset(zone, int(micros[i]))
    return local // DAY


def _effects(combo: np.ndarray) -> np.ndarray:
    """The effect of each event, through clock_event_type_of once per distinct combination."""
    # combo: ((kind * 100 + old state) * 100 + new state) * 2 + is the completeness check.
    distinct, inverse = np.unique(combo, return_inverse=True)
    effects = np.empty(len(distinct), dtype=np.int8)
    for k, value in enumerate(distinct.tolist()):
        rest, is_check = divmod(value, 2)
        rest, new_code = divmod(rest, 100)
        kind_code, old_code = divmod(rest, 100)
        if kind_code == 0 or (kind_code == _STEP and (old_code == 0 or new_code == 0)):
            effects[k] = UNKNOWN
            continue
        try:
            event_type = clock_event_type_of(
                _KINDS[kind_code - 1],
                _STATES[old_code - 1] if old_code else "",
                _STATES[new_code - 1] if new_code else "",
                COMPLETENESS_CHECK if is_check else "",
            )
        except ValueError:
            effects[k] = UNKNOWN
            continue
        code = _EFFECT_CODES[event_type.effect]
        effects[k] = RESUMING_COMPLETE if code == COMPLETE and event_type.resumes else code
    return effects[inverse.reshape(-1)]


def _firsts(mask: np.ndarray, group: np.ndarray, groups: int) -> np.ndarray:
    """Per group, the index of its first event where `mask` holds (_NEVER if none)."""
    out = np.full(groups, _NEVER, dtype=np.int64)
    where = np.flatnonzero(mask)
    found, at = np.unique(group[where], return_index=True)
    out[found] = where[at]
    return out


def _group_cumsum(values: np.ndarray, starts: np.ndarray, group: np.ndarray) -> np.ndarray:
    total = np.cumsum(values)
    return total - (total[starts] - values[starts])[group]


def _fetch_cases(after_case_id: int, limit: int) -> list[tuple[object, ...]]:
    table = connection.ops.quote_name(Case._meta.db_table)
    sql = (
        f"SELECT id, service_id, {_micros_sql('received_at')}, applied_from "  # noqa: S608
        f"FROM {table} WHERE id > %s ORDER BY id LIMIT %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [after_case_id, limit])
        return cursor.fetchall()


def _fetch_events(first: int, last: int, check_ids: list[int]) -> list[tuple[object, ...]]:
    table = connection.ops.quote_name(CaseEvent._meta.db_table)
    checks = ", ".join(str(int(pk)) for pk in check_ids) or "NULL"
    sql = (
        # One integer for what the event is (fewer values to fetch): see _effects.
        f"SELECT case_id, sequence, (((({_code_sql('kind', _KINDS)}) * 100 "  # noqa: S608
        f"+ {_code_sql('old_state', _STATES)}) * 100 + {_code_sql('new_state', _STATES)}) * 2 "
        f"+ CASE WHEN step_type_id IN ({checks}) THEN 1 ELSE 0 END) * 2 "
        f"+ CASE WHEN decision = '{Decision.WITHDRAWN}' THEN 1 ELSE 0 END, {_micros_sql('at')} "
        f"FROM {table} WHERE case_id BETWEEN %s AND %s ORDER BY case_id, sequence"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [first, last])
        return cursor.fetchall()


def _fetch_steps(first: int, last: int) -> np.ndarray:
    """(case_id, step_type_id, position, rank) of steps the status page could show as current:
    rank 0 asking for action, 1 in progress, 2 not started (clocks.current_step)."""
    table = connection.ops.quote_name(CaseStep._meta.db_table)
    ranked = [StepState.ACTION_REQUIRED, StepState.IN_PROGRESS, StepState.NOT_STARTED]
    rank = " ".join(f"WHEN '{state}' THEN {k}" for k, state in enumerate(ranked))
    listed = ", ".join(f"'{state}'" for state in ranked)
    sql = (
        f"SELECT case_id, step_type_id, position, CASE state {rank} END "  # noqa: S608
        f"FROM {table} WHERE case_id BETWEEN %s AND %s AND state IN ({listed})"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [first, last])
        return np.array(cursor.fetchall(), dtype=np.int64).reshape(-1, 4)


def _current_steps(steps: np.ndarray, cases: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Per case in `cases` (sorted), the step it waits on: (step_type_id or -1, position)."""
    step_type = np.full(len(cases), -1, dtype=np.int64)
    position = np.zeros(len(cases), dtype=np.int64)
    if len(steps) == 0:
        return step_type, position
    order = np.lexsort((steps[:, 2], steps[:, 3], steps[:, 0]))
    ranked = steps[order]
    first = np.r_[True, ranked[1:, 0] != ranked[:-1, 0]]
    chosen = ranked[first]
    where = np.searchsorted(cases, chosen[:, 0])
    step_type[where] = chosen[:, 1]
    position[where] = chosen[:, 2]
    return step_type, position


def _stamps(micros: np.ndarray, present: np.ndarray | None = None) -> list[object]:
    """Moments as Django stores them: naive UTC text on SQLite, UTC on PostgreSQL (None
    where `present` is false)."""
    moments = micros.astype("datetime64[us]").tolist()
    suffix = "+00:00" if connection.vendor == "postgresql" else ""
    stamps: list[object] = [f"{moment}{suffix}" for moment in moments]
    if present is None:
        return stamps
    return [s if p else None for s, p in zip(stamps, present.tolist(), strict=True)]


def _nullable(values: np.ndarray, present: np.ndarray) -> list[object]:
    return [v if p else None for v, p in zip(values.tolist(), present.tolist(), strict=True)]


def chunk_build(
    *,
    after_case_id: int,
    limit: int,
    check_ids: list[int],
    target_days: Callable[[int, str], int | None],
) -> Chunk | None:
    """The clock rows of the next `limit` cases after `after_case_id` (None: no more cases).
    `check_ids`: the step types that are the completeness check; `target_days(service_id,
    applied_from)`: a case's own day standard (clocks._target_days)."""
    cases = _fetch_cases(after_case_id, limit)
    if not cases:
        return None
    case_ids, service_ids, received_at, applied_from = zip(*cases, strict=True)
    first_id, last_id = int(case_ids[0]), int(case_ids[-1])
    events = _fetch_events(first_id, last_id, check_ids)
    if not events:
        return Chunk(first_id, last_id, [], [int(pk) for pk in case_ids])
    columns = list(zip(*events, strict=True))
    n = len(events)
    case = np.fromiter(columns[0], dtype=np.int64, count=n)
    sequence = np.fromiter(columns[1], dtype=np.int64, count=len(events))
    combo, withdrawn_flag = np.divmod(np.fromiter(columns[2], dtype=np.int64, count=n), 2)
    at = _micros(columns[3])
    unreadable = at == UNREADABLE
    at[unreadable] = 0
    day = local_days(at)
    effect = _effects(combo)

    first = np.r_[True, case[1:] != case[:-1]]
    starts = np.flatnonzero(first)
    group = np.cumsum(first) - 1
    lasts = np.r_[starts[1:] - 1, n - 1]
    groups = len(starts)
    group_case = case[starts]

    bad = effect[starts] != START
    bad |= np.bincount(group, weights=(effect == START), minlength=groups) != 1
    out_of_order = np.zeros(n, dtype=bool)
    out_of_order[1:] = (at[1:] < at[:-1]) & ~first[1:]
    bad[group[out_of_order | unreadable | (effect == UNKNOWN)]] = True

    # Events up to the first decision count; later ones leave the clock alone.
    is_stop = effect == STOP
    stops_before = _group_cumsum(is_stop.astype(np.int64), starts, group) - is_stop
    counts = stops_before == 0
    stop = counts & is_stop
    step_up = counts & ((effect == PAUSE) | (effect == INCOMPLETE_EFFECT))
    step_down = counts & ((effect == RESUME) | (effect == RESUMING_COMPLETE))
    delta = step_up.astype(np.int64) - step_down
    waiting = _group_cumsum(delta, starts, group)
    bad[group[waiting < 0]] = True  # a resume with nothing waiting: UNMATCHED_RESUME

    # Start basis: the completeness check's first INCOMPLETE and first COMPLETE.
    first_incomplete = _firsts(counts & (effect == INCOMPLETE_EFFECT), group, groups)
    first_complete = _firsts(
        counts & ((effect == COMPLETE) | (effect == RESUMING_COMPLETE)), group, groups
    )
    arrival = first_complete < first_incomplete
    incomplete = first_incomplete < first_complete
    later = incomplete & (first_complete < _NEVER)
    never = incomplete & ~later
    basis = np.where(arrival, 1, np.where(later, 2, np.where(never, 3, 0)))
    completed_at = np.where(later, first_complete, 0)
    received_day = day[starts]
    start_day = np.where(later, day[completed_at], received_day)
    started_at = np.where(later, at[completed_at], at[starts])
    started = ~never
    # Completed later: only pauses from that day count (one under way restarts that day).
    reset = np.where(later, day[completed_at], -_NEVER)

    # Pauses: waiting 0→1 opens one, 1→0 (or the decision) closes it.
    opens = np.flatnonzero((delta == 1) & (waiting == 1))
    closes = np.flatnonzero(((delta == -1) & (waiting == 0)) | (stop & (waiting > 0)))
    match = np.searchsorted(closes, opens, side="right")
    matched = match < len(closes)
    matched[matched] = group[closes[match[matched]]] == group[opens[matched]]
    open_from = np.maximum(day[opens], reset[group[opens]])
    lengths = np.maximum(0, day[closes[match[matched]]] - open_from[matched])
    paused_days = np.bincount(group[opens[matched]], weights=lengths, minlength=groups)
    paused_days = np.rint(paused_days).astype(np.int64)
    paused_since = np.full(groups, -1, dtype=np.int64)
    paused_since[group[opens[~matched]]] = open_from[~matched]

    stop_at = _firsts(stop, group, groups)
    decided = stop_at < _NEVER
    stop_index = np.where(decided, stop_at, 0)
    decided_day = day[stop_index]
    start_day = np.where(never & ~decided, -1, start_day)  # incomplete: not started yet
    clock_days = decided_day - start_day - paused_days
    withdrawn = decided & (withdrawn_flag[stop_index] == 1)
    waiting_now = np.where(decided, 0, waiting[lasts])

    # Hours from the start (receipt if never complete) to the decision, less 24 per day paused.
    case_index = {int(pk): k for k, pk in enumerate(case_ids)}
    at_index = np.array([case_index[pk] for pk in group_case.tolist()], dtype=np.int64)
    case_received = _micros(received_at)[at_index]
    bad |= case_received == UNREADABLE
    since = np.where(started, started_at, case_received)
    seconds = (at[stop_index] - since) / 1e6 - paused_days * 86400
    clock_hours = np.maximum(0, np.ceil(seconds / 3600)).astype(np.int64)

    step_type, step_position = _current_steps(_fetch_steps(first_id, last_id), group_case)
    step_type = np.where(decided, -1, step_type)
    step_position = np.where(decided, 0, step_position)

    targets: dict[tuple[int, str], int | None] = {}
    target_list = []
    for k in at_index.tolist():
        key = (int(service_ids[k]), str(applied_from[k]))
        if key not in targets:
            targets[key] = target_days(*key)
        target_list.append(targets[key])

    good = ~bad
    keep = np.flatnonzero(good)
    take = lambda values: values[keep]  # noqa: E731
    rows = list(
        zip(
            take(group_case).tolist(),
            [int(service_ids[k]) for k in take(at_index).tolist()],
            take(received_day).tolist(),
            _nullable(take(start_day), take(start_day) >= 0),
            _stamps(take(started_at), take(started)),
            [_BASES[b] for b in take(basis).tolist()],
            _nullable(take(decided_day), take(decided)),
            _nullable(take(clock_days), take(decided)),
            take(withdrawn).tolist(),
            _nullable(take(clock_hours), take(decided)),
            [target_list[k] for k in keep.tolist()],
            take(paused_days).tolist(),
            _nullable(take(paused_since), take(paused_since) >= 0),
            take(waiting_now).tolist(),
            _nullable(take(step_type), take(step_type) >= 0),
            take(step_position).tolist(),
            take(sequence[lasts]).tolist(),
            _stamps(take(at[lasts])),
            [""] * len(keep),
            strict=True,
        )
    )
    with_events = set(group_case[good].tolist())
    irregular = [int(pk) for pk in case_ids if int(pk) not in with_events]
    return Chunk(first_id, last_id, rows, irregular)
