"""CSV export of every dashboard table, and of the at-risk list (streamed: it can be long)."""

import csv
from collections.abc import Iterator
from typing import Any

from django.http import Http404, HttpRequest, HttpResponse, StreamingHttpResponse

from guichet.backoffice.access import staff_permission_required
from guichet.catalogue.selectors import service_get
from guichet.core.audit import audit_record
from guichet.core.errors import NotFound
from guichet.standards.days import date_of
from guichet.standards.selectors import at_risk_list, snapshot_latest_get
from guichet.standards.tables import Missing, Table
from guichet.standards.views.dashboard import VIEW, VIEWED, _language, all_tables, scope_of

AT_RISK = "at-risk"


class _Echo:
    """A file-like object csv.writer can write to, returning the line (for streaming)."""

    def write(self, value: str) -> str:
        return value


def _cell(value: Any) -> Any:
    return "" if value is None or isinstance(value, Missing) else value


def _attachment(response: HttpResponse | StreamingHttpResponse, name: str) -> None:
    response["Content-Disposition"] = f'attachment; filename="{name}.csv"'


@staff_permission_required(VIEW)  # type: ignore[arg-type]  # a CSV may stream
def table_csv(request: HttpRequest, table: str) -> HttpResponse | StreamingHttpResponse:
    language = _language()
    if table == AT_RISK:
        return _at_risk_csv(request, language)
    snapshot = snapshot_latest_get()
    if snapshot is None:
        raise Http404("no snapshot")
    try:
        code, services = scope_of(request, snapshot.figures)
    except NotFound:
        raise Http404("unknown service") from None
    built = all_tables(snapshot.figures, services, language)
    if table not in built:
        raise Http404("unknown table")
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    _write(csv.writer(response), built[table], snapshot.figures.as_of.isoformat())
    _attachment(response, f"{table}-{code or 'all'}-{snapshot.figures.as_of.isoformat()}")
    return response  # aggregates only: not audited, unlike the at-risk list below


def _write(writer: Any, table: Table, as_of: str) -> None:
    writer.writerow([*(c.key for c in table.columns), "as_of"])
    for row in table.rows:
        writer.writerow([*(_cell(v) for v in row), as_of])


def _at_risk_csv(request: HttpRequest, language: str) -> StreamingHttpResponse:
    code = request.GET.get("service", "").strip()
    service_id = None
    if code:
        try:
            service_id = service_get(code=code, field="service").pk
        except NotFound:
            raise Http404("unknown service") from None
    forecasts = at_risk_list(service_id=service_id)

    def rows() -> Iterator[str]:
        writer = csv.writer(_Echo())
        yield writer.writerow(
            [
                "application_number",
                "service_code",
                "step",
                "deadline",
                "likely_by",
                "most_by",
                "queue_position",
            ]
        )
        for f in forecasts.iterator(chunk_size=2000):
            yield writer.writerow(
                [
                    f.case.application_number,
                    f.service.code,
                    f.step_type.code if f.step_type else "",
                    date_of(f.deadline_day).isoformat() if f.deadline_day is not None else "",
                    date_of(f.likely_by_day).isoformat(),
                    date_of(f.most_by_day).isoformat(),
                    f.queue_position,
                ]
            )

    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    _attachment(response, f"at-risk-{code or 'all'}")
    audit_record(actor=request.user, action=VIEWED, target_type="standards_csv", detail=AT_RISK)
    return response
