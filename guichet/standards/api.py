"""`GET /api/v1/processing-times` and `GET /api/v1/service-standards`, from the snapshot.

A figure that cannot be computed honestly (no standard, too few decisions in the window, no
throughput to forecast from) is null, never 0 or a guess. Before the first refresh, `as_of`
is null and `items` is empty.
"""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from guichet.catalogue.selectors import service_get
from guichet.core.errors import NotFound
from guichet.standards.published import processing_time_rows, service_standard_rows
from guichet.standards.selectors import snapshot_latest_get

router = Router(tags=["service standards"])


class ProcessingTimeItem(Schema):
    service_code: str
    percentile: int = Field(description="50, 80 or 90.")
    days: int | None = Field(
        description="Measured: this share of decisions in the window took at most this many "
        "days from receipt to decision. Null: not enough decisions in the window."
    )
    window_days: int = Field(description="The trailing window of decisions, in days.")
    sample_size: int = Field(description="Decisions in the window.")
    forward_days: int | None = Field(
        description="Forward-looking: days to a decision for an application received today, "
        "from a survival curve of the service's trailing window (waiting applications "
        "included). Null: not enough data to forecast, or see forward_more_than_days."
    )
    forward_more_than_days: int | None = Field(
        default=None,
        description="Set when the forward figure is open-ended: the data reaches this many "
        "days and this share of new applications will not be decided by then.",
    )


class ProcessingTimesOut(Schema):
    as_of: dt.date | None
    items: list[ProcessingTimeItem]


class ServiceStandardItem(Schema):
    service_code: str
    target_days: int | None = Field(description="Null: the service has no published standard.")
    target_share: float | None
    met_share: float | None = Field(
        description="Share of decisions within the standard (clock paused while waiting on the "
        "client). Null: no standard, or no decisions in the period."
    )
    period: str = Field(description="YYYY-MM (a month) or YYYY-MM/YYYY-MM (last 12 months).")


class ServiceStandardsOut(Schema):
    items: list[ServiceStandardItem]


class ErrorOut(Schema):
    code: str
    field: str | None
    message: dict[str, str]


def _check_service(service: str | None) -> dict[str, object] | None:
    if service is None:
        return None
    try:
        service_get(code=service, field="service")
    except NotFound as error:
        return error.as_dict()
    return None


@router.get(
    "/processing-times",
    response={200: ProcessingTimesOut, 404: ErrorOut, 422: ErrorOut},
    summary="Processing times: measured and forward-looking",
)
def processing_times(request: HttpRequest, service: str | None = None):  # type: ignore[no-untyped-def]
    """The 50th, 80th and 90th percentiles of days from receipt to decision over each
    service's trailing window, and the forward-looking days for an application received today."""
    error = _check_service(service)
    if error is not None:
        return Status(404, error)
    snapshot = snapshot_latest_get()
    if snapshot is None:
        return {"as_of": None, "items": []}
    rows = processing_time_rows(snapshot.figures, service)
    return {"as_of": snapshot.figures.as_of, "items": [row.__dict__ for row in rows]}


@router.get(
    "/service-standards",
    response={200: ServiceStandardsOut, 404: ErrorOut, 422: ErrorOut},
    summary="Service standards and how often they are met",
)
def service_standards(  # type: ignore[no-untyped-def]
    request: HttpRequest, service: str | None = None, monthly: bool = False
):
    """Each service's standard and the share of decisions that met it over the last 12
    months; with `monthly=true`, also one item per month."""
    error = _check_service(service)
    if error is not None:
        return Status(404, error)
    snapshot = snapshot_latest_get()
    if snapshot is None:
        return {"items": []}
    rows = service_standard_rows(snapshot.figures, service, monthly=monthly)
    return {"items": [row.__dict__ for row in rows]}
