"""`GET /api/v1/feedback/satisfaction?table=…&by=…`: the managers' satisfaction report, for
analysts' tools (a manager's API token). Suppressed figures are null."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from guichet.core.api_auth import StaffTokenAuth
from guichet.core.errors import InvalidInput
from guichet.core.roles import MANAGER
from guichet.feedback.export import TABLES, report_rows
from guichet.feedback.selectors import satisfaction_report

router = Router(tags=["feedback"])


class ErrorOut(Schema):
    code: str
    field: str | None
    message: dict[str, str]


class DetailOut(Schema):
    detail: str


class SatisfactionTable(Schema):
    table: str
    dimension: str
    reference: str
    group: str
    columns: list[str]
    rows: list[list[Any]]


@router.get(
    "satisfaction",
    response={200: SatisfactionTable, 400: ErrorOut, 401: DetailOut, 403: DetailOut, 422: ErrorOut},
    auth=StaffTokenAuth(group=MANAGER),
    summary="Client satisfaction by cohort, comparisons, key drivers and weak areas",
)
def satisfaction(
    request: HttpRequest,
    table: str = "breakdown",
    by: str = "decision_year",
    reference: str = "",
    group: str = "",
) -> Any:
    """One table of the report: breakdown (by `by`), rates, comparison (`group` against
    `reference`, two decision years), drivers or weak. Suppressed figures are null."""
    if table not in TABLES:
        error = InvalidInput(_("Choose one of the tables of the report."), field="table")
        return Status(400, error.as_dict())
    report = satisfaction_report(dimension=by, reference=reference, group=group)
    columns, rows = report_rows(report, table)
    return {
        "table": table,
        "dimension": report.dimension,
        "reference": report.reference,
        "group": report.group,
        "columns": columns,
        "rows": rows,
    }
