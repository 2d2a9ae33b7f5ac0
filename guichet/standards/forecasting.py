"""Forward-looking estimates: when each open case is likely to be decided, and how long an
application received today should take. The method is in docs/standards-forecasting.md.

In short, for each service:
1. Queue position. Open cases are ranked by how far along they are (later steps first), then
   by date of receipt: q = 1 is next. (A new application joins at the end: q = open + 1.)
2. Throughput. λ = decisions per day over the service's trailing window.
3. Queue days e = q / λ: the wait if the service kept deciding in queue order at that pace.
4. Calibration. Cases are not decided in strict order, and the pace varies, so e is not the
   answer. Go back H days to t_c = T − H, rank the cases open then the same way (by receipt:
   past steps are not kept), compute their e with the throughput of that time, and look at
   how long each actually took from t_c. In bins of e, the 50th, 80th and 90th percentiles of
   those actual waits are the estimates for any case with that e today.
Nothing is fitted on data after the as-of date, which is what the backtest checks.
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field
from typing import Any

import numpy as np
from django.conf import settings
from django.db import connection, transaction

from guichet.catalogue.models import Service
from guichet.catalogue.selectors import service_list
from guichet.core import clock
from guichet.standards import figures
from guichet.standards.days import day_of
from guichet.standards.extract import (
    OPEN,
    History,
    OpenCases,
    daily_decisions_fetch,
    history_fetch,
    open_cases_fetch,
)
from guichet.standards.figures import Percentiles
from guichet.standards.models import CaseForecast, ForecastSummary
from guichet.standards.percentiles import PERCENTILES, rank_of
from guichet.standards.windows import window_days


def horizon_days(window: int) -> int:
    """How far back the calibration date lies: twice the window, within 90 to 365 days."""
    return max(90, min(365, 2 * window))


@dataclass
class ServiceModel:
    """What was learnt about one service, up to the as-of date."""

    service_id: int
    window_days: int
    throughput_per_day: float = 0.0
    centers: np.ndarray = field(default_factory=lambda: np.zeros(0))
    quantiles: dict[int, np.ndarray] = field(default_factory=dict)
    calibration_size: int = 0
    censored_share: float = 0.0
    reason: str = ""

    @property
    def usable(self) -> bool:
        return not self.reason

    def remaining(self, queue_days: np.ndarray) -> dict[int, np.ndarray]:
        """Days from the as-of date to the decision, per percentile, at least 1."""
        result = {}
        last = self.centers[-1]
        for p, values in self.quantiles.items():
            inside = np.interp(queue_days, self.centers, values)
            # Beyond the longest queue seen at calibration: scale the last bin's ratio.
            beyond = values[-1] * queue_days / last if last > 0 else values[-1]
            days = np.where(queue_days > last, np.maximum(inside, beyond), inside)
            result[p] = np.maximum(1, np.ceil(days)).astype(np.int32)
        return result

    def forward(self, open_count: int) -> Percentiles:
        """Expected days to a decision for an application received today (joins the end)."""
        if not self.usable:
            return Percentiles()
        queue_days = np.array([(open_count + 1) / self.throughput_per_day])
        days = self.remaining(queue_days)
        return Percentiles(*(int(days[p][0]) for p in PERCENTILES))


def _throughput(daily: np.ndarray | None, start: int, end: int, first_day: int) -> float:
    """Mean decisions per day over days (start, end], from a series beginning at first_day."""
    if daily is None or end <= start:
        return 0.0
    lo, hi = max(0, start - first_day + 1), max(0, end - first_day + 1)
    return float(daily[lo:hi].sum()) / (end - start)


def model_fit(
    *,
    as_of_day: int,
    services: list[Service],
    history: History,
    daily: dict[int, np.ndarray],
    daily_first_day: int,
) -> dict[int, ServiceModel]:
    """Fit one model per service on what was known at `as_of_day` (see the module docstring).

    `history` must hold, for every service, the cases open at its calibration date; `daily`
    the decisions per day from `daily_first_day` through as_of_day.
    """
    bins_wanted = settings.STANDARDS_FORECAST_BINS
    minimum = settings.STANDARDS_FORECAST_MIN_CALIBRATION
    order = np.lexsort((history.case_id, history.received_day, history.service_id))
    service_sorted = history.service_id[order]
    models: dict[int, ServiceModel] = {}
    for service in services:
        window = window_days(service)
        model = ServiceModel(service_id=service.pk, window_days=window)
        models[service.pk] = model
        series = daily.get(service.pk)
        model.throughput_per_day = _throughput(
            series, as_of_day - window, as_of_day, daily_first_day
        )
        horizon = horizon_days(window)
        t_c = as_of_day - horizon
        throughput_then = _throughput(series, t_c - window, t_c, daily_first_day)
        if model.throughput_per_day <= 0 or throughput_then <= 0:
            model.reason = figures.NO_THROUGHPUT
            continue
        lo, hi = np.searchsorted(service_sorted, [service.pk, service.pk + 1])
        rows = order[lo:hi]
        rows = rows[(history.received_day[rows] <= t_c) & (history.decided_day[rows] > t_c)]
        n = len(rows)
        model.calibration_size = n
        if n < minimum:
            model.reason = figures.NOT_CALIBRATED
            continue
        queue_days = np.arange(1, n + 1) / throughput_then  # rows are in order of receipt
        decided = history.decided_day[rows].astype(np.int64)
        censored = decided > as_of_day  # still open at the as-of date: waited more than H
        model.censored_share = float(censored.mean())
        waits = np.where(censored, horizon + 1, decided - t_c)
        chunks = np.array_split(np.arange(n), min(bins_wanted, max(1, n // 10)))
        model.centers = np.array([float(np.median(queue_days[c])) for c in chunks])
        for p in PERCENTILES:
            values = []
            for chunk in chunks:
                chunk_waits = np.sort(waits[chunk])
                values.append(float(chunk_waits[rank_of(p, len(chunk_waits)) - 1]))
            model.quantiles[p] = np.maximum.accumulate(np.array(values))
        # Keep the percentiles ordered within each bin (p50 ≤ p80 ≤ p90).
        model.quantiles[80] = np.maximum(model.quantiles[80], model.quantiles[50])
        model.quantiles[90] = np.maximum(model.quantiles[90], model.quantiles[80])
    return models


def models_for(*, as_of_day: int, services: list[Service]) -> dict[int, ServiceModel]:
    """Fetch what model_fit needs from CaseClock, then fit."""
    windows = [window_days(s) for s in services] or [1]
    earliest_tc = as_of_day - max(horizon_days(w) for w in windows)
    latest_tc = as_of_day - min(horizon_days(w) for w in windows)
    first_day = earliest_tc - max(windows)
    daily = daily_decisions_fetch(after=first_day - 1, until=as_of_day)
    history = history_fetch(received_by=latest_tc, open_after=earliest_tc)
    return model_fit(
        as_of_day=as_of_day,
        services=services,
        history=history,
        daily=daily,
        daily_first_day=first_day,
    )


@dataclass(frozen=True)
class Predictions:
    """Per open case (in `order`): queue position and the p50/p80 days to the decision."""

    order: np.ndarray  # indexes into the OpenCases arrays
    queue_position: np.ndarray
    p50: np.ndarray  # days after the as-of date; 0 when the service has no usable model
    p80: np.ndarray
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
    *, open_cases: OpenCases, models: dict[int, ServiceModel], by_step: bool = True
) -> Predictions:
    """Rank open cases in their service's queue and read their estimates off the models."""
    keys = [open_cases.case_id, open_cases.received_day]
    if by_step:
        keys.append(-open_cases.step_position)
    order, position = queue_rank(open_cases.service_id, keys)
    services = open_cases.service_id[order]
    p50 = np.zeros(len(order), dtype=np.int32)
    p80 = np.zeros(len(order), dtype=np.int32)
    usable = np.zeros(len(order), dtype=bool)
    for service_id in np.unique(services):
        model = models.get(int(service_id))
        if model is None or not model.usable:
            continue
        lo, hi = np.searchsorted(services, [service_id, service_id + 1])
        remaining = model.remaining(position[lo:hi] / model.throughput_per_day)
        p50[lo:hi], p80[lo:hi], usable[lo:hi] = remaining[50], remaining[80], True
    return Predictions(order=order, queue_position=position, p50=p50, p80=p80, usable=usable)


@dataclass(frozen=True)
class ForecastRun:
    as_of: dt.date
    written: int
    seconds: float
    forward: dict[int, Percentiles]  # service id -> days for an application received today
    reasons: dict[int, str]  # service id -> why there is no forecast ("" if there is one)
    throughput_per_week: dict[int, float]
    at_risk: dict[int, dict[int, int]]  # service id -> step type id (0: none) -> cases

    def summary_json(self) -> dict[str, Any]:
        return {
            str(pk): {
                "forward": [self.forward[pk].p50, self.forward[pk].p80, self.forward[pk].p90],
                "reason": self.reasons[pk],
                "throughput_per_week": self.throughput_per_week[pk],
                "at_risk": {str(step): n for step, n in self.at_risk.get(pk, {}).items()},
            }
            for pk in self.forward
        }


def forecasts_run(*, as_of: dt.date) -> ForecastRun:
    """Forecast every open case and replace the CaseForecast table in one transaction."""
    started = time.perf_counter()
    as_of_day = day_of(as_of)
    services = service_list()
    models = models_for(as_of_day=as_of_day, services=services)
    open_cases = open_cases_fetch(as_of_day=as_of_day)
    predictions = predict(open_cases=open_cases, models=models)
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

    counts = np.bincount(open_cases.service_id, minlength=len(standard))
    forward, reasons, throughput = {}, {}, {}
    for service in services:
        model = models[service.pk]
        forward[service.pk] = model.forward(int(counts[service.pk]))
        reasons[service.pk] = model.reason
        throughput[service.pk] = round(model.throughput_per_day * 7, 1)
    run = ForecastRun(
        as_of=as_of,
        written=len(rows),
        seconds=time.perf_counter() - started,
        forward=forward,
        reasons=reasons,
        throughput_per_week=throughput,
        at_risk=at_risk_counts,
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
    "as_of_day",
)


def _replace_forecasts(rows: list[tuple[Any, ...]]) -> None:
    table = connection.ops.quote_name(CaseForecast._meta.db_table)
    columns = ", ".join(FORECAST_COLUMNS)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table}")  # noqa: S608 - the table name is ours
        if connection.vendor == "postgresql":
            # COPY is several times faster than INSERT for a million rows.
            raw = cursor.cursor  # psycopg's own cursor under Django's wrapper
            with raw.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:  # type: ignore[attr-defined]
                for row in rows:
                    copy.write_row(row)
        else:
            marks = ", ".join(["%s"] * len(FORECAST_COLUMNS))
            cursor.executemany(f"INSERT INTO {table} ({columns}) VALUES ({marks})", rows)  # noqa: S608


__all__ = ["OPEN", "ForecastRun", "ServiceModel", "forecasts_run", "model_fit", "predict"]
