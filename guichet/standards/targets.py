"""Inventory targets as trends: the open inventory week by week against a straight line from
the baseline to the target."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from guichet.standards.figures import Figures
from guichet.standards.models import InventoryTarget


@dataclass(frozen=True)
class TargetPoint:
    week: str
    open_end: int
    target: int


@dataclass(frozen=True)
class TargetProgress:
    target: InventoryTarget
    baseline: int
    goal: int  # the inventory wanted at the end date
    expected_now: int  # where the line is on the as-of date
    actual_now: int | None  # None: no snapshot figure for this service
    on_track: bool | None
    points: list[TargetPoint]


def _line(target: InventoryTarget, baseline: int, date: dt.date) -> int:
    span = (target.end_date - target.start_date).days
    done = min(max((date - target.start_date).days, 0), span) / span
    return round(baseline * (1 - float(target.reduction_share) * done))


def target_progress(target: InventoryTarget, figures: Figures | None) -> TargetProgress:
    baseline = target.baseline_open or 0
    goal = round(baseline * (1 - float(target.reduction_share)))
    service = figures.service(target.service.code) if figures else None
    if figures is None or service is None:
        return TargetProgress(target, baseline, goal, baseline, None, None, [])
    points = []
    for flow in service.flows:
        week_end = dt.date.fromisoformat(flow.week) + dt.timedelta(days=6)
        if week_end >= target.start_date:
            points.append(TargetPoint(flow.week, flow.open_end, _line(target, baseline, week_end)))
    expected = _line(target, baseline, figures.as_of)
    actual = service.open_total
    return TargetProgress(target, baseline, goal, expected, actual, actual <= expected, points)


def targets_progress(
    figures: Figures | None, service_code: str | None = None
) -> list[TargetProgress]:
    targets = InventoryTarget.objects.select_related("service").order_by(
        "service__code", "-start_date"
    )
    if service_code:
        targets = targets.filter(service__code=service_code)
    return [target_progress(t, figures) for t in targets]
