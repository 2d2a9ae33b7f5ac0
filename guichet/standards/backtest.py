"""Replaying the forecasts on a world frozen at a past date T.

Every case's receipt, decision or withdrawal is read once from CaseClock. For a date T, what
was known then is rebuilt from those dates alone (cases received by T; anything that ended
later was open at T), the forecasts are fitted on it exactly as `forecasts_run` would have
been on day T, and each case open at T is scored against what happened afterwards. Beside
them, the naive estimate a client could read on day T: receipt + the published 80th
percentile. A slow-down scenario stretches one service's decisions after a start date
(a throughput divided by `factor`) to see whether the forecasts notice and widen.

A case is scorable when its p80 date falls before the end of the data: which cases those are
depends on the prediction alone, never on the outcome, so coverage is not biased towards
the quickly decided. Open-ended estimates ("more than N days") are counted apart, and cases
withdrawn after T (they never get a decision) are left out of every score.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass, field
from typing import Any

import numpy as np
from django.db.models import Max

from guichet.catalogue.models import Service
from guichet.catalogue.selectors import service_list
from guichet.standards.days import date_of, day_of
from guichet.standards.extract import OPEN, Ends, ends_fetch
from guichet.standards.forecasting import lifetimes_of, service_model
from guichet.standards.models import CaseClock
from guichet.standards.percentiles import percentile_of_values
from guichet.standards.survival import Lifetimes, remaining
from guichet.standards.windows import window_days

FORWARD_DAYS = 28  # applications received this many days after T are scored on the forward p80


@dataclass(frozen=True)
class Slowdown:
    """Decisions of one service after `start` (days relative to T) take `factor` times as long
    from then on: its throughput is divided by `factor`."""

    service_code: str
    start: int = 0
    factor: float = 2.0

    @property
    def label(self) -> str:
        when = "after T" if self.start >= 0 else f"{-self.start} days before T"
        return f"{self.service_code} throughput ÷{self.factor:g} from {when}"


@dataclass(frozen=True)
class BacktestRow:
    service_code: str
    open_at_t: int
    scored: int  # cases with a closed-ended p80 date before the end of the data
    open_ended: int  # cases given "more than N days"
    open_ended_held: float | None  # of those, share still undecided N days after T
    coverage_p50: float | None
    coverage_p80: float | None  # share decided by the p80 date (target 75–85%)
    mae_p50: float | None  # median absolute error of the p50, days (open cases at the horizon)
    naive_scored: int
    naive_coverage_p80: float | None
    naive_mae_p50: float | None
    forward_scored: int  # received in the 28 days after T, forward p80 before the data's end
    forward_coverage_p80: float | None
    naive_forward_coverage_p80: float | None
    pace_ratio: float | None  # recent decisions ÷ expected, at T
    slowed: bool
    reason: str = ""


@dataclass(frozen=True)
class BacktestResult:
    as_of: dt.date
    data_until: dt.date
    scenario: str
    rows: list[BacktestRow]
    total: BacktestRow
    slowed_service: str = ""

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["as_of"] = self.as_of.isoformat()
        data["data_until"] = self.data_until.isoformat()
        return data


def world_fetch() -> Ends:
    """Every case's receipt and end (decision, withdrawal or OPEN), by service."""
    return ends_fetch(received_by=np.iinfo(np.int32).max - 1, ended_after=-(2**31))


def data_until() -> int | None:
    return CaseClock.objects.aggregate(last=Max("decided_day"))["last"]


def slowed_world(ends: Ends, *, service_id: int, start_day: int, factor: float, until: int) -> Ends:
    """The same world with one service's decisions after start_day stretched by `factor`;
    those pushed past the end of the data are still open then."""
    stretch = (ends.service_id == service_id) & (ends.ended_day != OPEN)
    stretch &= ends.ended_day > start_day
    ended = ends.ended_day.astype(np.int64)
    moved = start_day + np.ceil(factor * (ended - start_day)).astype(np.int64)
    ended = np.where(stretch, moved, ended)
    ended = np.where(ended > until, OPEN, ended).astype(np.int32)
    return Ends(ends.case_id, ends.service_id, ends.received_day, ended, ends.withdrawn)


def _coverage(hit: np.ndarray, scorable: np.ndarray) -> float | None:
    return float(hit[scorable].mean()) if scorable.any() else None


def _published_p50_p80(lives: Lifetimes, *, t: int, window: int) -> tuple[int, int] | None:
    """The measured percentiles (receipt to decision, completions decided in the window) the
    service would have published on day t."""
    done = (lives.ended != OPEN) & ~lives.withdrawn
    done &= (lives.ended > t - window) & (lives.ended <= t)
    values = (lives.ended[done] - lives.received[done]).tolist()
    p50, p80 = percentile_of_values(values, 50), percentile_of_values(values, 80)
    return None if p50 is None or p80 is None else (p50, p80)


def service_backtest(service: Service, lives: Lifetimes, *, t: int, until: int) -> BacktestRow:
    window = window_days(service)
    model = service_model(lives, service_id=service.pk, window=window, as_of_day=t)
    horizon = until - t
    open_at_t = (lives.received <= t) & (lives.ended > t)
    received = lives.received[open_at_t].astype(np.int64)
    ended = lives.ended[open_at_t].astype(np.int64)
    gone = lives.withdrawn[open_at_t]  # withdrawn after T: no decision to score against
    actual = np.where(ended == OPEN, OPEN, ended - t)
    n = int(open_at_t.sum())

    scored, open_ended = 0, 0
    cover50 = cover80 = mae = held = None
    if model.usable and n:
        mid, most = (remaining(model.curve, t - received, p) for p in (50, 80))
        p50 = np.minimum(mid.days, most.days)
        scorable = ~most.open_ended & (most.days <= horizon) & ~gone
        scored, open_ended = int(scorable.sum()), int(most.open_ended.sum())
        judged = most.open_ended & (most.days <= horizon) & ~gone
        held = _coverage(actual > most.days, judged)
        cover50 = _coverage(actual <= p50, scorable & ~mid.open_ended)
        cover80 = _coverage(actual <= most.days, scorable)
        if scored:
            mae = float(np.median(np.abs(np.minimum(actual, horizon) - p50)[scorable]))

    naive_scored, naive_cover, naive_mae = 0, None, None
    published = _published_p50_p80(lives, t=t, window=window)
    if published is not None and n:
        naive50 = np.maximum(received + published[0] - t, 1)
        naive80 = np.maximum(received + published[1] - t, 1)
        scorable = (naive80 <= horizon) & ~gone
        naive_scored = int(scorable.sum())
        naive_cover = _coverage(actual <= naive80, scorable)
        if naive_scored:
            naive_mae = float(np.median(np.abs(np.minimum(actual, horizon) - naive50)[scorable]))

    new = (lives.received > t) & (lives.received <= t + FORWARD_DAYS) & ~lives.withdrawn
    took = np.where(lives.ended == OPEN, OPEN, lives.ended - lives.received)[new]
    latest = until - lives.received[new]
    forward_scored, forward_cover, naive_forward = 0, None, None
    forward_days, _open_ended = model.forward()
    if model.usable and forward_days.p80 is not None:
        scorable = forward_days.p80 <= latest
        forward_scored = int(scorable.sum())
        forward_cover = _coverage(took <= forward_days.p80, scorable)
    if published is not None:
        naive_forward = _coverage(took <= published[1], published[1] <= latest)

    return BacktestRow(
        service_code=service.code,
        open_at_t=n,
        scored=scored,
        open_ended=open_ended,
        open_ended_held=held,
        coverage_p50=cover50,
        coverage_p80=cover80,
        mae_p50=mae,
        naive_scored=naive_scored,
        naive_coverage_p80=naive_cover,
        naive_mae_p50=naive_mae,
        forward_scored=forward_scored,
        forward_coverage_p80=forward_cover,
        naive_forward_coverage_p80=naive_forward,
        pace_ratio=model.curve.pace_ratio,
        slowed=model.usable and model.curve.slowed,
        reason=model.reason,
    )


@dataclass
class _Totals:
    open_at_t: int = 0
    scored: int = 0
    open_ended: int = 0
    covered: float = 0.0
    naive_scored: int = 0
    naive_covered: float = 0.0
    forward_scored: int = 0
    forward_covered: float = 0.0
    rows: list[BacktestRow] = field(default_factory=list)

    def add(self, row: BacktestRow) -> None:
        self.rows.append(row)
        self.open_at_t += row.open_at_t
        self.scored += row.scored
        self.open_ended += row.open_ended
        self.covered += (row.coverage_p80 or 0.0) * row.scored
        self.naive_scored += row.naive_scored
        self.naive_covered += (row.naive_coverage_p80 or 0.0) * row.naive_scored
        self.forward_scored += row.forward_scored
        self.forward_covered += (row.forward_coverage_p80 or 0.0) * row.forward_scored

    def row(self) -> BacktestRow:
        def share(part: float, whole: int) -> float | None:
            return part / whole if whole else None

        return BacktestRow(
            service_code="all",
            open_at_t=self.open_at_t,
            scored=self.scored,
            open_ended=self.open_ended,
            open_ended_held=None,
            coverage_p50=None,
            coverage_p80=share(self.covered, self.scored),
            mae_p50=None,
            naive_scored=self.naive_scored,
            naive_coverage_p80=share(self.naive_covered, self.naive_scored),
            naive_mae_p50=None,
            forward_scored=self.forward_scored,
            forward_coverage_p80=share(self.forward_covered, self.forward_scored),
            naive_forward_coverage_p80=None,
            pace_ratio=None,
            slowed=False,
        )


def backtest_run(
    *,
    as_of: dt.date,
    world: Ends | None = None,
    until: int | None = None,
    slowdown: Slowdown | None = None,
) -> BacktestResult:
    """Fit at `as_of` on the frozen world, score every service (see the module docstring).

    `world` and `until` let several dates and scenarios share one read of the table.
    """
    t = day_of(as_of)
    world = world_fetch() if world is None else world
    last = data_until() if until is None else until
    until = max(last if last is not None else t, t)
    services = service_list()
    slowed_code = ""
    if slowdown is not None:
        target = next((s for s in services if s.code == slowdown.service_code), None)
        if target is None:
            raise ValueError(f"No service has the code {slowdown.service_code!r}.")
        world = slowed_world(
            world,
            service_id=target.pk,
            start_day=t + slowdown.start,
            factor=slowdown.factor,
            until=until,
        )
        slowed_code = target.code
    slices = world.service_slices()
    totals = _Totals()
    for service in services:
        if service.pk not in slices:
            continue
        lives = lifetimes_of(world, slices[service.pk])
        totals.add(service_backtest(service, lives, t=t, until=until))
    return BacktestResult(
        as_of=as_of,
        data_until=date_of(until),
        scenario=slowdown.label if slowdown else "as recorded",
        rows=totals.rows,
        total=totals.row(),
        slowed_service=slowed_code,
    )
