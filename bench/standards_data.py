"""A narrow generator for the standards benchmark: it writes only what guichet.standards reads
over many cases — the cases themselves (so forecasts and estimates join real rows) and their
CaseClock rows — not steps or events, which standards never reads in bulk.

The history is a queue per service: Poisson arrivals over three years, a capacity that
falls behind demand in the last 16 months for some lines of business (the backlog the
Auditor General described), near-FIFO decisions with noise, a minimum processing time and
client pauses. Counts are then thinned at random to exactly the decided and open totals asked.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass

import numpy as np
from django.db import connection, transaction

from guichet.cases.models import Case
from guichet.catalogue.selectors import catalogue_get, service_list
from guichet.core.identifiers import SERIAL_MIN, application_number_make
from guichet.standards.clock import COMPLETE_ON_ARRIVAL
from guichet.standards.days import day_of
from guichet.standards.models import CaseClock
from guichet.testing.factories import client_make

SPAN_DAYS = 730
# The queues run this long before the history starts, so that it starts with a backlog in
# place, as a real one does, rather than with empty queues filling up.
BURN_IN_DAYS = 400
# (share of all cases, minimum days, noise in days, capacity / demand in the last 16 months)
PROFILES: dict[str, tuple[float, int, int, float]] = {
    "eta": (0.16, 1, 2, 1.0),
    "visitor-visa": (0.16, 5, 10, 0.8),
    "study-permit": (0.08, 20, 20, 0.8),
    "work-permit": (0.08, 20, 20, 0.8),
    "visitor-record": (0.04, 30, 30, 0.8),
    "super-visa": (0.02, 40, 30, 0.85),
    "express-entry": (0.05, 60, 40, 0.95),
    "pr-card": (0.06, 20, 20, 0.85),
    "citizenship-grant": (0.06, 150, 60, 0.8),
    "spouse-in-canada": (0.04, 90, 60, 0.65),
    "spouse-outside-canada": (0.03, 90, 60, 0.8),
    "parents-grandparents": (0.02, 200, 90, 0.75),
}
DEFAULT_PROFILE = (0.02, 60, 40, 0.8)


@dataclass(frozen=True)
class Generated:
    decided: int
    open: int
    seconds: float


def _simulate(
    rng: np.random.Generator, n: int, profile: tuple[float, int, int, float], today: int
) -> tuple[np.ndarray, np.ndarray]:
    """Receipt and decision days of n cases of one service (decision > today: still open)."""
    _share, minimum, noise, late_capacity = profile
    start = today - SPAN_DAYS - BURN_IN_DAYS
    received = np.sort(rng.integers(start, today + 1, n)).astype(np.int64)
    rate = n / (SPAN_DAYS + BURN_IN_DAYS)
    days = np.arange(start, today + 400)
    capacity = np.full(len(days), rate * 1.02)
    capacity[days > today - 480] = rate * late_capacity
    capacity *= rng.gamma(20, 1 / 20, len(days))  # week-to-week variation
    served = np.cumsum(capacity)
    order = np.arange(1, n + 1)
    queue_day = days[np.minimum(np.searchsorted(served, order), len(days) - 1)]
    decided = np.maximum(queue_day, received + minimum)
    decided = decided + np.abs(rng.normal(0, noise, n)).astype(np.int64)
    return received, decided


def generate(*, decided: int, open_: int, seed: int = 1, today: dt.date | None = None) -> Generated:
    """Write `decided` + `open_` cases and their clocks into the current database."""
    started = time.perf_counter()
    rng = np.random.default_rng(seed)
    today_day = day_of(today or dt.date.today())
    services = service_list()
    shares = {s.code: PROFILES.get(s.code, DEFAULT_PROFILE)[0] for s in services}
    total_share = sum(shares.values())
    wanted = decided + open_
    factor = 1.1
    while True:  # simulate enough cases of each kind, then thin both to the exact totals
        parts = []
        for service in services:
            n = int(wanted * factor * shares[service.code] / total_share) + 50
            received, decided_day = _simulate(
                rng, n, PROFILES.get(service.code, DEFAULT_PROFILE), today_day
            )
            parts.append((np.full(n, service.pk, dtype=np.int64), received, decided_day))
        service_id = np.concatenate([p[0] for p in parts])
        received = np.concatenate([p[1] for p in parts])
        decided_day = np.concatenate([p[2] for p in parts])
        # The history: what was still open when it starts, and everything after.
        kept = decided_day > today_day - SPAN_DAYS
        service_id, received, decided_day = service_id[kept], received[kept], decided_day[kept]
        available_open = int((decided_day > today_day).sum())
        available_decided = len(decided_day) - available_open
        short = max(open_ / max(available_open, 1), decided / max(available_decided, 1))
        if short <= 1:
            break
        factor *= short * 1.05
    is_open = decided_day > today_day
    pick_decided = rng.choice(np.flatnonzero(~is_open), decided, replace=False)
    pick_open = rng.choice(np.flatnonzero(is_open), open_, replace=False)
    keep = np.sort(np.concatenate([pick_decided, pick_open]))
    # Ids in order of receipt, as a real system would issue them.
    keep = keep[np.argsort(received[keep], kind="stable")]
    service_id, received, decided_day = service_id[keep], received[keep], decided_day[keep]
    is_open = decided_day > today_day
    n = len(keep)

    paused = np.where(rng.random(n) < 0.4, rng.exponential(15, n).astype(np.int64), 0)
    elapsed = np.where(is_open, today_day - received, decided_day - received)
    paused = np.minimum(paused, np.maximum(elapsed - 1, 0))
    paused_now = is_open & (rng.random(n) < 0.1)
    paused_since = np.where(paused_now, today_day - rng.integers(0, 30, n), -1)
    paused_since = np.maximum(paused_since, received)
    catalogue = catalogue_get()
    step_lists = {s.pk: catalogue.service_steps[s.pk] for s in services}
    typical = {s.pk: PROFILES.get(s.code, DEFAULT_PROFILE)[1] + 1 for s in services}
    steps_count = np.array([len(step_lists[int(s)]) for s in service_id])
    typical_days = np.array([typical[int(s)] for s in service_id])
    progress = np.minimum(1.0, elapsed / typical_days) * rng.uniform(0.6, 1.0, n)
    position = np.where(is_open, 1 + (progress * (steps_count - 1)).astype(np.int64), 0)
    problem = rng.random(n) < 0.0001

    client = client_make()
    first_id = (Case.objects.order_by("-pk").values_list("pk", flat=True).first() or 0) + 1
    ids = np.arange(first_id, first_id + n)
    _write(
        ids,
        service_id,
        received,
        decided_day,
        is_open,
        paused,
        paused_since,
        paused_now,
        position,
        step_lists,
        problem,
        client.pk,
    )
    return Generated(int((~is_open).sum()), int(is_open.sum()), time.perf_counter() - started)


def _luhn_digits(serials: np.ndarray) -> np.ndarray:
    """Luhn check digits of 8-digit serials, vectorised (stdnum's luhn, one array at a time)."""
    total = np.zeros(len(serials), dtype=np.int64)
    rest = serials.copy()
    for position in range(8):  # rightmost digit first; it is doubled (the check digit follows)
        digit = rest % 10
        rest //= 10
        if position % 2 == 0:
            digit = digit * 2
            digit = np.where(digit > 9, digit - 9, digit)
        total += digit
    return (10 - total % 10) % 10


def _write(
    ids,
    service_id,
    received,
    decided_day,
    is_open,
    paused,
    paused_since,
    paused_now,
    position,
    step_lists,
    problem,
    client_id,
) -> None:  # type: ignore[no-untyped-def]
    case_table = Case._meta.db_table
    clock_table = CaseClock._meta.db_table
    # Each clock carries its own target (standards.definitions): the service's standard here.
    standard_days = {s.pk: s.standard_days or None for s in service_list()}
    case_columns = (
        "id",
        "application_number",
        "serial",
        "service_id",
        "client_id",
        "channel",
        "received_at",
        "status",
        "decision",
        "decided_at",
        "version",
        "updated_at",
    )
    clock_columns = (
        "case_id",
        "service_id",
        "received_day",
        "started_day",
        "decided_day",
        "clock_days",
        "paused_days",
        "paused_since_day",
        "waiting_steps",
        "step_type_id",
        "step_position",
        "last_sequence",
        "last_event_at",
        "problem",
        "withdrawn",
        "start_basis",
        "target_days",
    )
    postgres = connection.vendor == "postgresql"
    suffix = "+00" if postgres else ""
    # Noon in Toronto is 17:00 UTC (16:00 in summer; the hour does not matter here).
    stamps = {
        int(day): (dt.date(1970, 1, 1) + dt.timedelta(days=int(day))).isoformat()
        + " 17:00:00"
        + suffix
        for day in np.unique(np.concatenate([received, decided_day]))
    }
    serials = SERIAL_MIN + ids
    assert application_number_make("P", int(serials[0])) == (
        f"P{serials[0]}{_luhn_digits(serials[:1])[0]}"
    )
    numbers = np.char.add(np.char.add("P", serials.astype(str)), _luhn_digits(serials).astype(str))
    step_type = np.array(
        [
            step_lists[int(s)][int(p) - 1] if o else -1
            for s, p, o in zip(
                service_id.tolist(), position.tolist(), is_open.tolist(), strict=True
            )
        ]
    )
    chunk = 500_000
    with transaction.atomic(), connection.cursor() as cursor:
        for lo in range(0, len(ids), chunk):
            hi = min(lo + chunk, len(ids))
            part = slice(lo, hi)
            opened = is_open[part].tolist()
            received_at = [stamps[d] for d in received[part].tolist()]
            decided_at = [
                None if o else stamps[d]
                for o, d in zip(opened, decided_day[part].tolist(), strict=True)
            ]
            case_rows = zip(
                ids[part].tolist(),
                numbers[part].tolist(),
                serials[part].tolist(),
                service_id[part].tolist(),
                [client_id] * (hi - lo),
                ["paper"] * (hi - lo),
                received_at,
                ["in_progress" if o else "decided" for o in opened],
                ["" if o else "approved" for o in opened],
                decided_at,
                [3] * (hi - lo),
                [d or r for d, r in zip(decided_at, received_at, strict=True)],
                strict=True,
            )
            pause_open = paused_now[part].tolist()
            decided_list = decided_day[part].tolist()
            clock_rows = zip(
                ids[part].tolist(),
                service_id[part].tolist(),
                received[part].tolist(),
                received[part].tolist(),  # complete on arrival: the clock starts at receipt
                [None if o else d for o, d in zip(opened, decided_list, strict=True)],
                [
                    None if o else int(c)
                    for o, c in zip(
                        opened,
                        (decided_day[part] - received[part] - paused[part]).tolist(),
                        strict=True,
                    )
                ],
                paused[part].tolist(),
                [
                    int(s) if p else None
                    for p, s in zip(pause_open, paused_since[part].tolist(), strict=True)
                ],
                [1 if p else 0 for p in pause_open],
                [None if t < 0 else t for t in step_type[part].tolist()],
                position[part].tolist(),
                [3] * (hi - lo),
                [d or r for d, r in zip(decided_at, received_at, strict=True)],
                ["out_of_order" if p else "" for p in problem[part].tolist()],
                [False] * (hi - lo),
                [COMPLETE_ON_ARRIVAL] * (hi - lo),
                [standard_days.get(s) for s in service_id[part].tolist()],
                strict=True,
            )
            if postgres:
                raw = cursor.cursor
                with raw.copy(f"COPY {case_table} ({', '.join(case_columns)}) FROM STDIN") as copy:
                    for row in case_rows:
                        copy.write_row(row)
                with raw.copy(
                    f"COPY {clock_table} ({', '.join(clock_columns)}) FROM STDIN"
                ) as copy:
                    for row in clock_rows:
                        copy.write_row(row)
            else:  # sqlite3's own executemany, without Django's per-row placeholder rewriting
                raw_connection = connection.connection
                marks = ", ".join(["?"] * len(case_columns))
                raw_connection.executemany(
                    f"INSERT INTO {case_table} ({', '.join(case_columns)}) VALUES ({marks})",
                    case_rows,
                )
                marks = ", ".join(["?"] * len(clock_columns))
                raw_connection.executemany(
                    f"INSERT INTO {clock_table} ({', '.join(clock_columns)}) VALUES ({marks})",
                    clock_rows,
                )
            print(f"  wrote {hi:,} / {len(ids):,} cases", flush=True)
