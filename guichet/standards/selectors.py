"""Reading standards figures: the newest snapshot, a case's own estimate, the at-risk list.

Pages and the API read the snapshot (one row) and never compute over cases.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import QuerySet

from guichet.cases.models import CaseStatus
from guichet.core import clock
from guichet.standards.days import date_of, day_of
from guichet.standards.figures import Figures
from guichet.standards.models import BacktestReport, CaseForecast, StandardsSnapshot
from guichet.status.types import DecisionEstimate

_cache: dict[str, tuple[tuple[int, dt.datetime], Figures]] = {}


@dataclass(frozen=True)
class SnapshotView:
    id: int
    computed_at: dt.datetime
    seconds: float
    figures: Figures


def snapshot_latest_get() -> SnapshotView | None:
    """The newest snapshot, or None before the first refresh. Its parsed figures are kept per
    process and reused while no newer snapshot exists (one small query per call)."""
    latest = (
        StandardsSnapshot.objects.order_by("-pk")
        .values_list("pk", "computed_at", "seconds")
        .first()
    )
    if latest is None:
        return None
    pk, computed_at, seconds = latest
    key = (pk, computed_at)  # ids can be reused (a rolled-back test); the time with them cannot
    cached = _cache.get("figures")
    if cached is None or cached[0] != key:
        data = StandardsSnapshot.objects.values_list("data", flat=True).get(pk=pk)
        cached = (key, Figures.from_json(data))
        _cache["figures"] = cached
    return SnapshotView(id=pk, computed_at=computed_at, seconds=seconds, figures=cached[1])


def case_estimate_get(*, case_id: int) -> DecisionEstimate | None:
    """A client's own estimate ("most applications like yours are decided by …"), from the
    last forecast run; None when there is none, once the case is decided, and when the
    forecast is so stale that its p80 date has passed (no date in the past is promised).
    One query."""
    row = (
        CaseForecast.objects.filter(
            case_id=case_id,
            case__status=CaseStatus.IN_PROGRESS,
            most_by_day__gte=day_of(clock.today()),
        )
        .values_list("likely_by_day", "most_by_day", "as_of_day", "open_ended")
        .first()
    )
    if row is None:
        return None
    likely_by, most_by, as_of, open_ended = row
    return DecisionEstimate(
        likely_by=date_of(likely_by),
        most_by=date_of(most_by),
        as_of=date_of(as_of),
        open_ended=open_ended,
    )


def at_risk_list(*, service_id: int | None = None) -> QuerySet[CaseForecast]:
    """Open cases likely to be decided after their standard runs out, soonest deadline first,
    with the step each waits on. Staff only: it names cases."""
    forecasts = (
        CaseForecast.objects.filter(at_risk=True, case__status=CaseStatus.IN_PROGRESS)
        .select_related("case", "service", "step_type")
        .order_by("deadline_day", "case_id")
    )
    if service_id is not None:
        forecasts = forecasts.filter(service_id=service_id)
    return forecasts


def backtest_latest_get() -> BacktestReport | None:
    """The last saved backtest (`standards_backtest --save`), for the dashboard."""
    return BacktestReport.objects.order_by("-pk").first()
