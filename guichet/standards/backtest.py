"""Replaying the forecasts: fit on what was known at a past date T, predict every case open
then, and compare with what happened. Also scores the naive estimate a client reads today:
"most applications are decided within X days" (the published 80th percentile)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import numpy as np
from django.db.models import F, Max

from guichet.catalogue.selectors import service_list
from guichet.standards.days import date_of, day_of
from guichet.standards.extract import OPEN, OpenCases, history_fetch
from guichet.standards.forecasting import models_for, predict
from guichet.standards.models import CaseClock
from guichet.standards.percentiles import PERCENTILES, percentile_of_values
from guichet.standards.windows import window_days


@dataclass(frozen=True)
class BacktestRow:
    service_code: str
    open_at_t: int
    scored: int  # cases whose p80 date has passed by the end of the data
    coverage_p80: float | None  # share decided by the model's p80 date
    mae_p50: float | None  # median absolute error of the p50 date, decided cases, in days
    naive_coverage_p80: float | None
    naive_mae_p50: float | None
    reason: str = ""


@dataclass(frozen=True)
class BacktestResult:
    as_of: dt.date
    data_until: dt.date
    rows: list[BacktestRow]
    total: BacktestRow


def _score(
    actual: np.ndarray, horizon: int, p50: np.ndarray, p80: np.ndarray
) -> tuple[int, float | None, float | None]:
    """actual: days from T to the decision (OPEN if still open `horizon` days after T).

    Coverage counts only cases whose p80 date has passed by the end of the data, decided or
    not: which cases those are depends on the prediction alone, never on the outcome, so the
    share is not biased towards the quickly decided.
    """
    decided = actual != OPEN
    scorable = p80 <= horizon
    n = int(scorable.sum())
    coverage = float((decided & (actual <= p80))[scorable].mean()) if n else None
    errors = np.abs(actual[decided].astype(np.int64) - p50[decided])
    mae = float(np.median(errors)) if len(errors) else None
    return n, coverage, mae


def backtest_run(*, as_of: dt.date, by_step: bool = False) -> BacktestResult:
    """Fit at `as_of`, predict the cases open then, score against their decisions since.

    Steps as they stood at T are not kept on the clock rows, so queues are ranked by receipt
    unless `by_step` (then by today's step: optimistic, for comparison only).
    """
    t = day_of(as_of)
    last = CaseClock.objects.aggregate(last=Max("decided_day"))["last"]
    until = max(last or t, t)
    services = service_list()
    models = models_for(as_of_day=t, services=services)
    history = history_fetch(received_by=t, open_after=t)
    open_cases = OpenCases(
        case_id=history.case_id,
        service_id=history.service_id,
        received_day=history.received_day,
        step_position=np.zeros(len(history.case_id), dtype=np.int32),
        step_type_id=np.full(len(history.case_id), -1, dtype=np.int32),
        paused_days=np.zeros(len(history.case_id), dtype=np.int32),
        problem=np.zeros(len(history.case_id), dtype=bool),
    )
    if by_step:
        steps = dict(
            CaseClock.objects.filter(decided_day__isnull=True).values_list(
                "case_id", "step_position"
            )
        )
        positions = [steps.get(int(c), 99) for c in history.case_id]
        open_cases = OpenCases(**{**open_cases.__dict__, "step_position": np.array(positions)})
    predictions = predict(open_cases=open_cases, models=models, by_step=by_step)
    order = predictions.order
    decided = history.decided_day[order]
    actual = np.where(decided == OPEN, OPEN, decided - t)
    received = history.received_day[order]
    services_sorted = history.service_id[order]

    # The naive estimate: receipt + the percentiles published at T (never before T + 1).
    naive50 = np.zeros(len(order), dtype=np.int64)
    naive80 = np.zeros(len(order), dtype=np.int64)
    naive_ok = np.zeros(len(order), dtype=bool)
    published = _published(t, services)
    rows = []
    for service in services:
        lo, hi = np.searchsorted(services_sorted, [service.pk, service.pk + 1])
        figures = published.get(service.pk)
        if figures is not None:
            naive50[lo:hi] = np.maximum(received[lo:hi] + figures[0] - t, 1)
            naive80[lo:hi] = np.maximum(received[lo:hi] + figures[1] - t, 1)
            naive_ok[lo:hi] = True
        ok = predictions.usable[lo:hi]
        horizon = until - t
        if hi == lo:
            continue
        n, coverage, mae = (0, None, None)
        if ok.any():
            n, coverage, mae = _score(
                actual[lo:hi][ok], horizon, predictions.p50[lo:hi][ok], predictions.p80[lo:hi][ok]
            )
        _n, naive_cov, naive_mae = (0, None, None)
        if figures is not None:
            _n, naive_cov, naive_mae = _score(
                actual[lo:hi], horizon, naive50[lo:hi], naive80[lo:hi]
            )
        reason = "" if ok.any() else models[service.pk].reason
        rows.append(
            BacktestRow(service.code, hi - lo, n, coverage, mae, naive_cov, naive_mae, reason)
        )
    ok = predictions.usable
    n, coverage, mae = _score(actual[ok], until - t, predictions.p50[ok], predictions.p80[ok])
    _n, naive_cov, naive_mae = _score(
        actual[naive_ok], until - t, naive50[naive_ok], naive80[naive_ok]
    )
    total = BacktestRow("all", len(order), n, coverage, mae, naive_cov, naive_mae)
    return BacktestResult(as_of=as_of, data_until=date_of(until), rows=rows, total=total)


def _published(t: int, services: list) -> dict[int, tuple[int, int]]:
    """The measured p50 and p80 (receipt to decision) each service would have published at T."""
    windows = {s.pk: window_days(s) for s in services}
    elapsed: dict[int, list[int]] = {}
    for service_id, decided_day, days in CaseClock.objects.filter(
        decided_day__lte=t, decided_day__gt=t - max(windows.values()), problem=""
    ).values_list("service_id", "decided_day", F("decided_day") - F("received_day")):
        if decided_day > t - windows[service_id]:
            elapsed.setdefault(service_id, []).append(days)
    result = {}
    for service_id, values in elapsed.items():
        p50, p80 = (percentile_of_values(values, p) for p in PERCENTILES[:2])
        if p50 is not None and p80 is not None:
            result[service_id] = (p50, p80)
    return result
