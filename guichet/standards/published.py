"""What the public page and the public API publish, built once from the snapshot so the two
cannot disagree: both render these rows."""

from __future__ import annotations

from dataclasses import dataclass

from guichet.standards.figures import Figures, ServiceFigures
from guichet.standards.percentiles import PERCENTILES


@dataclass(frozen=True)
class ProcessingTimeRow:
    service_code: str
    percentile: int
    days: int | None  # measured: None = not enough data
    window_days: int
    sample_size: int
    forward_days: int | None  # forward-looking, for an application received today
    forward_more_than_days: int | None = None  # open-ended: "more than N days"


@dataclass(frozen=True)
class ServiceStandardRow:
    service_code: str
    target_days: int | None  # None: the service has no published standard
    target_share: float | None
    met_share: float | None  # None: no standard, or no decisions in the period
    period: str  # YYYY-MM for a month, YYYY-MM/YYYY-MM for the last 12 months


def processing_time_rows(
    figures: Figures, service_code: str | None = None
) -> list[ProcessingTimeRow]:
    return [
        ProcessingTimeRow(
            service_code=service.code,
            percentile=p,
            days=service.measured.get(p),
            window_days=service.window_days,
            sample_size=service.sample_size,
            forward_days=service.forward.get(p),
            forward_more_than_days=service.forward_more_than
            if service.forward.get(p) is None
            else None,
        )
        for service in _services(figures, service_code)
        for p in PERCENTILES
    ]


def twelve_months(figures: Figures) -> str:
    months = figures.months
    return f"{months[0]}/{months[-1]}" if months else ""


def service_standard_rows(
    figures: Figures, service_code: str | None = None, *, monthly: bool = False
) -> list[ServiceStandardRow]:
    rows = []
    for service in _services(figures, service_code):
        rows.append(
            ServiceStandardRow(
                service.code,
                service.target_days,
                service.target_share,
                _rounded(service.met_share),
                twelve_months(figures),
            )
        )
        if monthly:
            for month in service.compliance:
                share = month.share if service.target_days is not None else None
                rows.append(
                    ServiceStandardRow(
                        service.code,
                        service.target_days,
                        service.target_share,
                        _rounded(share),
                        month.month,
                    )
                )
    return rows


def _rounded(share: float | None) -> float | None:
    return None if share is None else round(share, 4)


def _services(figures: Figures, service_code: str | None) -> list[ServiceFigures]:
    return [s for s in figures.services if service_code in (None, s.code)]
