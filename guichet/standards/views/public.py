"""The public processing-times page: choose a service, see measured and forward-looking times.

It renders the same rows as GET /api/v1/processing-times (standards.published), so the page
and the API cannot disagree.
"""

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from guichet.catalogue.models import Service
from guichet.catalogue.selectors import service_get, service_list
from guichet.core.errors import NotFound
from guichet.core.text import name_key
from guichet.standards.definitions import INSIDE_CANADA_STANDARD_DAYS
from guichet.standards.published import ProcessingTimeRow, processing_time_rows, twelve_months
from guichet.standards.selectors import SnapshotView, snapshot_latest_get


def processing_times(request: HttpRequest) -> HttpResponse:
    language = "fr" if (get_language() or "en").startswith("fr") else "en"
    services = sorted(service_list(), key=lambda s: name_key(s.name(language)))
    snapshot = snapshot_latest_get()
    code = request.GET.get("service", "").strip()
    error = ""
    service: Service | None = None
    if code:
        try:
            service = service_get(code=code, field="service")
        except NotFound as not_found:
            error = not_found.text(language)
    chosen = snapshot.figures.service(service.code) if snapshot and service else None
    context = {
        "services": [(s.code, s.name(language)) for s in services],
        "code": code,
        "error": error,
        "snapshot": snapshot,
        "service_name": service.name(language) if service else "",
        "service_note": (service.standard_note_fr if language == "fr" else service.standard_note_en)
        if service
        else "",
        "chosen": chosen,
        "chosen_rows": processing_time_rows(snapshot.figures, chosen.code)
        if snapshot and chosen
        else [],
        "period": twelve_months(snapshot.figures) if snapshot else "",
        "all_rows": _all_rows(snapshot, {s.code: s.name(language) for s in services}),
        "min_sample": settings.STANDARDS_MIN_SAMPLE,
        "inside_days": INSIDE_CANADA_STANDARD_DAYS.get(service.code) if service else None,
    }
    return render(request, "standards/processing_times.html", context, status=404 if error else 200)


def _all_rows(
    snapshot: SnapshotView | None, names: dict[str, str]
) -> list[tuple[str, str, ProcessingTimeRow, int | None]]:
    """(code, name, 80th-percentile row, standard days) per service, by name."""
    if snapshot is None:
        return []
    standards = {s.code: s.target_days for s in snapshot.figures.services}
    rows = [
        (
            row.service_code,
            names.get(row.service_code, row.service_code),
            row,
            standards.get(row.service_code),
        )
        for row in processing_time_rows(snapshot.figures)
        if row.percentile == 80
    ]
    return sorted(rows, key=lambda item: name_key(item[1]))
