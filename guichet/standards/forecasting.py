"""Forward-looking estimates: when each open case is likely to be decided, and how long an
application received today should take. The method is in docs/standards-forecasting.md and
ADR 0021; the survival arithmetic in standards.survival.

In short, for each service:
1. A period survival curve over the service's trailing window: of the cases that were a given
   age inside the window, the share decided at that age. Open cases and withdrawals are
   censored (they count while they wait, never as decisions), so long queues keep their long
   tail.
2. A case open for `age` days gets the 50th and 80th percentiles of its remaining wait given
   that it has already lasted that long. Where the curve rests on too few cases, the estimate
   is open-ended ("more than N days").
3. The recent pace (decisions of the last weeks against what the curve expected) is checked:
   when a service has slowed down, the curve is slowed by the same ratio and managers are
   warned.
Nothing is fitted on data after the as-of date, which is what the backtest checks.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection, transaction

from guichet.catalogue.models import Service
from guichet.catalogue.selectors import service_list
from guichet.core import clock
from guichet.standards import figures
from guichet.standards.bulk import rows_insert
from guichet.standards.days import day_of
from guichet.standards.extract import OPEN, Ends, OpenCases, ends_fetch, open_cases_fetch
from guichet.standards.figures import Percentiles
from guichet.standards.models import CaseForecast, ForecastSummary
from guichet.standards.percentiles import PERCENTILES
from guichet.standards.survival import Curve, Lifetimes, curve_fit, forward, remaining
from guichet.standards.windows import window_days


@dataclass(frozen=True)
class ServiceModel:
    """What was learnt about one service, up to the as-of date."""

    service_id: int
    window_days: int
    curve: Curve
    decisions: int  # decisions (approvals and refusals) inside the window
    reason: str = ""

    @property
    def usable(self) -> bool:
        return not self.reason

    @property
    def throughput_per_day(self) -> float:
        return self.decisions / self.window_days

    def forward(self) -> tuple[Percentiles, bool]:
        """Days to a decision for an application received on the as-of day, and whether the
        figures are lower bounds (the curve ends before the percentile is reached)."""
        if not self.usable:
            return Percentiles(), False
        found = [forward(self.curve, p) for p in PERCENTILES]
        days = [None if open_ended else value for value, open_ended in found]
        return Percentiles(*days), any(open_ended for _value, open_ended in found)

    def more_than_days(self) -> int:
        """The lower bound for a new application when the forward figure is open-ended."""
        return max(self.curve.supported_to, 0)


def service_model(
    lifetimes: Lifetimes, *, service_id: int, window: int, as_of_day: int
) -> ServiceModel:
    """Fit one service on what was known at `as_of_day` (anything later is ignored)."""
    known = lifetimes.frozen_at(as_of_day)
    curve = curve_fit(
        known,
        as_of_day=as_of_day,
        window_days=window,
        min_at_risk=settings.STANDARDS_FORECAST_MIN_AT_RISK,
        recent_days=settings.STANDARDS_FORECAST_RECENT_DAYS,
        slow_ratio=settings.STANDARDS_FORECAST_SLOW_RATIO,
        min_expected=settings.STANDARDS_FORECAST_MIN_EXPECTED,
    )
    in_window = (known.ended > as_of_day - window) & (known.ended <= as_of_day)
    decisions = int((in_window & ~known.withdrawn & (known.ended != OPEN)).sum())
    reason = ""
    if decisions == 0:
        reason = figures.NO_THROUGHPUT
    elif decisions < settings.STANDARDS_FORECAST_MIN_CALIBRATION or not curve.usable:
        reason = figures.NOT_CALIBRATED
    return ServiceModel(service_id, window, curve, decisions, reason)


def lifetimes_of(ends: Ends, rows: slice | np.ndarray) -> Lifetimes:
    return Lifetimes(ends.received_day[rows], ends.ended_day[rows], ends.withdrawn[rows])


def models_fit(*, ends: Ends, as_of_day: int, services: list[Service]) -> dict[int, ServiceModel]:
    slices = ends.service_slices()
    empty = Lifetimes(np.zeros(0, np.int32), np.zeros(0, np.int32), np.zeros(0, bool))
    return {
        service.pk: service_model(
            lifetimes_of(ends, slices[service.pk]) if service.pk in slices else empty,
            service_id=service.pk,
            window=window_days(service),
            as_of_day=as_of_day,
        )
        for service in services
    }


def models_for(*, as_of_day: int, services: list[Service]) -> dict[int, ServiceModel]:
    """Fetch the cases the windows need (open at the as-of date, or ended inside the longest
    window) from CaseClock, then fit."""
    longest = max([window_days(s) for s in services] or [1])
    ends = ends_fetch(received_by=as_of_day, ended_after=as_of_day - longest)
    return models_fit(ends=ends, as_of_day=as_of_day, services=services)


@dataclass(frozen=True)
class Predictions:
    """Per open case (in `order`): queue position and the p50/p80 days to the decision."""

    order: np.ndarray  # indexes into the OpenCases arrays
    queue_position: np.ndarray
    p50: np.ndarray  # days after the as-of date; 0 when the service has no usable model
    p80: np.ndarray  # a lower bound where open_ended
    open_ended: np.ndarray  # bool: the data does not reach this case's p80
    usable: np.ndarray  # bool


def queue_rank(service_id: np.ndarray, keys: list[np.ndarray]) -> tuple[np.ndarray, np.ndarray]:
    """Sort by service then `keys` (most significant last, as np.lexsort takes them) and
    return (order, 1-based position within each service)."""
    order = np.lexsort((*keys, service_id))
    services = service_id[order]
    starts = np.r_[0, np.flatnonzero(np.diff(services)) + 1]
    lengths = np.diff(np.r_[starts, len(services)])
    group_start = np.repeat(starts, lengths)
    return order, np.arange(len(order)) - group_start + 1


def predict(
    *, open_cases: OpenCases, models: dict[int, ServiceModel], as_of_day: int
) -> Predictions:
    """Read each open case's estimate off its service's curve at the case's age. The queue
    position (later steps first, then by receipt) is kept for the agents' view."""
    keys = [open_cases.case_id, open_cases.received_day, -open_cases.step_position]
    order, position = queue_rank(open_cases.service_id, keys)
    services = open_cases.service_id[order]
    ages = as_of_day - open_cases.received_day[order].astype(np.int64)
    n = len(order)
    p50, p80 = np.zeros(n, dtype=np.int32), np.zeros(n, dtype=np.int32)
    open_ended, usable = np.zeros(n, dtype=bool), np.zeros(n, dtype=bool)
    for service_id in np.unique(services):
        model = models.get(int(service_id))
        if model is None or not model.usable:
            continue
        lo, hi = np.searchsorted(services, [service_id, service_id + 1])
        mid, most = (remaining(model.curve, ages[lo:hi], p) for p in (50, 80))
        p50[lo:hi], p80[lo:hi] = np.minimum(mid.days, most.days), most.days
        open_ended[lo:hi] = most.open_ended
        usable[lo:hi] = True
    return Predictions(order, position, p50, p80, open_ended, usable)


@dataclass(frozen=True)
class ForecastRun:
    as_of: dt.date
    written: int
    seconds: float
    forward: dict[int, Percentiles]  # service id -> days for an application received today
    reasons: dict[int, str]  # service id -> why there is no forecast ("" if there is one)
    throughput_per_week: dict[int, float]
    at_risk: dict[int, dict[int, int]]  # service id -> step type id (0: none) -> cases
    # service id -> days the data reaches when the forward figure is open-ended, else None
    more_than: dict[int, int | None]
    pace: dict[int, tuple[float | None, bool]]  # service id -> (recent ÷ expected, slowed)

    def summary_json(self) -> dict[str, Any]:
        return {
            str(pk): {
                "forward": [self.forward[pk].p50, self.forward[pk].p80, self.forward[pk].p90],
                "reason": self.reasons[pk],
                "throughput_per_week": self.throughput_per_week[pk],
                "at_risk": {str(step): n for step, n in self.at_risk.get(pk, {}).items()},
                "more_than_days": self.more_than[pk],
                "pace_ratio": _rounded(self.pace[pk][0]),
                "slowed": self.pace[pk][1],
            }
            for pk in self.forward
        }


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, 3)


def forecasts_run(*, as_of: dt.date) -> ForecastRun:
    """Forecast every open case and replace the CaseForecast table in one transaction."""
    started = time.perf_counter()
    as_of_day = day_of(as_of)
    services = service_list()
    models = models_for(as_of_day=as_of_day, services=services)
    open_cases = open_cases_fetch(as_of_day=as_of_day)
    predictions = predict(open_cases=open_cases, models=models, as_of_day=as_of_day)
    order = predictions.order

    standard = np.full(max([s.pk for s in services] + [0]) + 1, -1, dtype=np.int64)
    for service in services:
        if service.standard_days:
            standard[service.pk] = service.standard_days
    service_ids = open_cases.service_id[order]
    received = open_cases.received_day[order].astype(np.int64)
    days_allowed = standard[service_ids]
    deadline = received + days_allowed + open_cases.paused_days[order]
    likely_by = as_of_day + predictions.p50
    most_by = as_of_day + predictions.p80
    keep = predictions.usable & ~open_cases.problem[order]
    has_standard = days_allowed >= 0
    at_risk = has_standard & (likely_by > deadline)

    columns = [
        open_cases.case_id[order][keep].tolist(),
        service_ids[keep].tolist(),
        [None if t < 0 else t for t in open_cases.step_type_id[order][keep].tolist()],
        predictions.queue_position[keep].tolist(),
        likely_by[keep].tolist(),
        most_by[keep].tolist(),
        [
            d if s else None
            for d, s in zip(deadline[keep].tolist(), has_standard[keep].tolist(), strict=True)
        ],
        at_risk[keep].tolist(),
        predictions.open_ended[keep].tolist(),
    ]
    rows = [(*row, as_of_day) for row in zip(*columns, strict=True)]

    risky = keep & at_risk
    at_risk_counts: dict[int, dict[int, int]] = {}
    steps = np.maximum(open_cases.step_type_id[order][risky], 0)
    pairs, counts_by_pair = (
        np.unique(
            np.stack([service_ids[risky].astype(np.int64), steps.astype(np.int64)]),
            axis=1,
            return_counts=True,
        )
        if risky.any()
        else (np.zeros((2, 0), dtype=np.int64), np.zeros(0, dtype=np.int64))
    )
    for (service_id, step_id), n in zip(pairs.T.tolist(), counts_by_pair.tolist(), strict=True):
        at_risk_counts.setdefault(service_id, {})[step_id] = n

    forward, reasons, throughput, more_than, pace = {}, {}, {}, {}, {}
    for service in services:
        model = models[service.pk]
        forward[service.pk], open_ended = model.forward()
        more_than[service.pk] = model.more_than_days() if open_ended else None
        reasons[service.pk] = model.reason
        throughput[service.pk] = round(model.throughput_per_day * 7, 1)
        pace[service.pk] = (model.curve.pace_ratio, model.usable and model.curve.slowed)
    run = ForecastRun(
        as_of=as_of,
        written=len(rows),
        seconds=time.perf_counter() - started,
        forward=forward,
        reasons=reasons,
        throughput_per_week=throughput,
        at_risk=at_risk_counts,
        more_than=more_than,
        pace=pace,
    )
    with transaction.atomic():  # readers see the old forecasts and summary, or both new ones
        _replace_forecasts(rows)
        ForecastSummary.objects.create(
            as_of=as_of,
            computed_at=clock.now(),
            seconds=round(time.perf_counter() - started, 3),
            data=run.summary_json(),
        )
    return run


FORECAST_COLUMNS = (
    "case_id",
    "service_id",
    "step_type_id",
    "queue_position",
    "likely_by_day",
    "most_by_day",
    "deadline_day",
    "at_risk",
    "open_ended",
    "as_of_day",
)


def _replace_forecasts(rows: list[tuple[Any, ...]]) -> None:
    table = connection.ops.quote_name(CaseForecast._meta.db_table)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - the table name is ours
        rows_insert(cursor, table, FORECAST_COLUMNS, rows)


__all__ = ["ForecastRun", "ServiceModel", "forecasts_run", "models_fit", "predict"]
