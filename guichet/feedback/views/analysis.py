"""The managers' satisfaction page and its CSV export: aggregates only (no client's file is
read, every figure from fewer than FEEDBACK_MIN_CELL answers is hidden), still audited as a
view of survey results."""

import csv

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language

from guichet.backoffice.access import staff_permission_required, staff_user
from guichet.core.audit import audit_record
from guichet.core.models import AuditRecord
from guichet.feedback.analysis import DIMENSIONS
from guichet.feedback.export import TABLES, report_rows, safe_cell
from guichet.feedback.selectors import satisfaction_report

VIEW = "feedback.view_satisfaction"


def _language() -> str:
    return "fr" if (get_language() or "en").startswith("fr") else "en"


def _report(request: HttpRequest):  # type: ignore[no-untyped-def]
    return satisfaction_report(
        dimension=request.GET.get("by", "decision_year"),
        reference=request.GET.get("reference", ""),
        group=request.GET.get("group", ""),
    )


@staff_permission_required(VIEW)
def dashboard(request: HttpRequest) -> HttpResponse:
    language = _language()
    report = _report(request)
    label = {code: names[language] for code, names in report.labels.items()}
    audit_record(
        actor=staff_user(request),
        action=AuditRecord.Action.VIEW,
        target_type="feedback.satisfaction",
        detail=f"by={report.dimension}",
    )
    rows = []
    for measure in report.measures:
        rows.append(
            {
                "label": label.get(measure, measure),
                "cells": [report.breakdown.cells[(measure, g)] for g in report.breakdown.groups],
                "total": report.breakdown.totals[measure],
            }
        )
    context = {
        "report": report,
        "rows": rows,
        "dimensions": DIMENSIONS,
        "label": label,
        "comparison": [(label.get(c.measure, c.measure), c) for c in report.comparison],
        "drivers": [(label.get(d.measure, d.measure), d) for d in report.drivers],
        "weak": [(label.get(c.measure, c.measure), c) for c in report.weak],
        "tables": TABLES,
        "can_record": request.user.has_perm("feedback.record_program_change"),
    }
    return render(request, "feedback/dashboard.html", context)


@staff_permission_required(VIEW)
def export_csv(request: HttpRequest) -> HttpResponse:
    table = request.GET.get("table", "breakdown")
    if table not in TABLES:
        raise Http404("unknown table")
    report = _report(request)
    header, rows = report_rows(report, table)
    audit_record(
        actor=staff_user(request),
        action=AuditRecord.Action.VIEW,
        target_type="feedback.satisfaction",
        detail=f"csv={table}",
    )
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="satisfaction-{table}.csv"'
    writer = csv.writer(response)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return response
