"""The managers' council report pages: editions, one edition, editing, comparing, downloads.

The report holds aggregates only, never a client's file; opening, saving and downloading are
still recorded in the audit trail, as every change a manager makes is.
"""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _

from guichet.backoffice.access import staff_permission_required, staff_user
from guichet.core import clock
from guichet.core.audit import audit_record
from guichet.core.errors import GuichetError, NotFound
from guichet.core.models import AuditRecord
from guichet.reports.compare import report_compare
from guichet.reports.exports import FORMATS
from guichet.reports.models import ReportEdition, ReportVersion
from guichet.reports.render import figures_of, report_render
from guichet.reports.sections import LANGUAGES, SECTIONS
from guichet.reports.selectors import (
    edition_get,
    edition_list,
    edition_previous_get,
    version_latest_get,
    version_list,
)
from guichet.reports.services import edition_open, version_save

MANAGE = "reports.manage_council_report"
TARGET = "council_report"
FIELD_LABELS = {
    "period": gettext_lazy("Period"),
    "period_start": gettext_lazy("First day of the period"),
    "period_end": gettext_lazy("Last day of the period"),
    "note": gettext_lazy("What changed"),
    "content": gettext_lazy("Report"),
}


def _language() -> str:
    return "fr" if (get_language() or "en").startswith("fr") else "en"


def _errors(error: GuichetError, language: str) -> list[dict[str, str]]:
    field = error.field or ""
    label = FIELD_LABELS.get(field) or _section_label(field)
    return [{"field": field, "label": str(label), "message": error.text(language)}]


def _section_label(field: str) -> str:
    key, _sep, lang = field.rpartition("_")
    for section in SECTIONS:
        if section.key == key:
            if lang == "fr":
                return _("%(section)s (French)") % {"section": section.heading}
            return _("%(section)s (English)") % {"section": section.heading}
    return ""


def _six_months_back(today: dt.date) -> dt.date:
    month = today.month - 6
    year = today.year + (month <= 0) * -1
    month = month + 12 if month <= 0 else month
    return dt.date(year, month, 1)


def _version(request: HttpRequest, edition: ReportEdition) -> ReportVersion:
    number = request.GET.get("version", "")
    if number.isdigit():
        found = ReportVersion.objects.filter(edition=edition, number=int(number)).first()
        if found is None:
            raise Http404
        return found
    return version_latest_get(edition=edition)


def _edition(edition_id: int) -> ReportEdition:
    try:
        return edition_get(edition_id=edition_id)
    except NotFound:
        raise Http404 from None


@staff_permission_required(MANAGE)
def edition_index(request: HttpRequest) -> HttpResponse:
    """The editions, and the form that opens a new one (by default the last six months)."""
    language = _language()
    today = clock.today()
    values = {
        "period_start": _six_months_back(today).isoformat(),
        "period_end": today.isoformat(),
    }
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        values = {key: request.POST.get(key, "") for key in values}
        try:
            with transaction.atomic():
                edition = edition_open(
                    period_start=values["period_start"],
                    period_end=values["period_end"],
                    actor=staff_user(request),
                )
                audit_record(
                    actor=request.user,
                    action=AuditRecord.Action.CREATE,
                    target_type=TARGET,
                    target_id=edition.pk,
                )
        except GuichetError as error:
            errors = _errors(error, language)
        else:
            messages.success(request, _("The report is drafted in English and French."))
            return redirect("reports:edition", edition_id=edition.pk)
    return render(
        request,
        "reports/index.html",
        {
            "editions": edition_list(),
            "values": values,
            "errors": errors,
            "error_fields": {e["field"]: e["message"] for e in errors},
        },
        status=400 if errors else 200,
    )


@staff_permission_required(MANAGE)
def edition_detail(request: HttpRequest, edition_id: int) -> HttpResponse:
    language = _language()
    edition = _edition(edition_id)
    version = _version(request, edition)
    return render(
        request,
        "reports/edition.html",
        {
            "edition": edition,
            "version": version,
            "report": report_render(edition=edition, version=version, language=language),
            "versions": version_list(edition=edition),
            "previous": edition_previous_get(edition=edition),
            "figures": _figure_rows(edition, language),
            "formats": [
                (fmt, lang, _download_label(fmt, lang)) for fmt in FORMATS for lang in LANGUAGES
            ],
        },
    )


def _download_label(fmt: str, lang: str) -> str:
    names = {"en": _("English"), "fr": _("French")}
    return _("%(format)s in %(language)s") % {"format": fmt.upper(), "language": names[lang]}


def _figure_rows(edition: ReportEdition, language: str) -> list[dict[str, str]]:
    return [
        {
            "token": f"[[{figure.key}]]",
            "value": figure.formatted(language),
            "definition": figure.definition[language],
            "period": figure.period[language],
        }
        for figure in figures_of(edition).values()
    ]


@staff_permission_required(MANAGE)
def edition_edit(request: HttpRequest, edition_id: int) -> HttpResponse:
    """Every section in both languages; saving makes a new version."""
    language = _language()
    edition = _edition(edition_id)
    latest = version_latest_get(edition=edition)
    content = latest.content
    note = ""
    errors: list[dict[str, str]] = []
    if request.method == "POST":
        content = {
            lang: {s.key: request.POST.get(f"{s.key}_{lang}", "") for s in SECTIONS}
            for lang in LANGUAGES
        }
        note = request.POST.get("note", "")
        try:
            with transaction.atomic():
                version = version_save(
                    edition_id=edition.pk, content=content, note=note, actor=staff_user(request)
                )
                audit_record(
                    actor=request.user,
                    action=AuditRecord.Action.CHANGE,
                    target_type=TARGET,
                    target_id=edition.pk,
                    detail=f"version {version.number}",
                )
        except GuichetError as error:
            errors = _errors(error, language)
        else:
            messages.success(
                request, _("Version %(number)s is saved.") % {"number": version.number}
            )
            return redirect("reports:edition", edition_id=edition.pk)
    fields = [
        {
            "name": f"{section.key}_{lang}",
            "label": _section_label(f"{section.key}_{lang}"),
            "hint": section.prompt,
            "value": content.get(lang, {}).get(section.key, ""),
            "lang": lang,
            "error": next(
                (e["message"] for e in errors if e["field"] == f"{section.key}_{lang}"), ""
            ),
            "rows": 3 if section.number is None else 12,
        }
        for lang in LANGUAGES
        for section in SECTIONS
    ]
    return render(
        request,
        "reports/edit.html",
        {
            "edition": edition,
            "latest": latest,
            "fields": fields,
            "note": note,
            "errors": errors,
            "figures": _figure_rows(edition, language),
        },
        status=400 if errors else 200,
    )


@staff_permission_required(MANAGE)
def edition_compare(request: HttpRequest, edition_id: int) -> HttpResponse:
    """This edition against the previous one (default), or a version against the one before."""
    language = _language()
    edition = _edition(edition_id)
    after = _version(request, edition)
    before_edition: ReportEdition | None
    if "version" in request.GET:
        before_edition = edition
        before = ReportVersion.objects.filter(edition=edition, number=after.number - 1).first()
    else:
        before_edition = edition_previous_get(edition=edition)
        before = version_latest_get(edition=before_edition) if before_edition else None
    diffs = None
    if before is not None and before_edition is not None:
        diffs = report_compare(
            before=report_render(edition=before_edition, version=before, language=language),
            after=report_render(edition=edition, version=after, language=language),
        )
    return render(
        request,
        "reports/compare.html",
        {
            "edition": edition,
            "after": after,
            "before": before,
            "before_edition": before_edition,
            "diffs": diffs,
        },
    )


@staff_permission_required(MANAGE)
def edition_download(request: HttpRequest, edition_id: int, fmt: str, lang: str) -> HttpResponse:
    if fmt not in FORMATS or lang not in LANGUAGES:
        raise Http404
    edition = _edition(edition_id)
    version = _version(request, edition)
    export, content_type = FORMATS[fmt]
    body = export(report_render(edition=edition, version=version, language=lang))
    audit_record(
        actor=request.user,
        action=AuditRecord.Action.VIEW,
        target_type=TARGET,
        target_id=edition.pk,
        detail=f"version {version.number} {fmt} {lang}",
    )
    response = HttpResponse(body, content_type=content_type)
    name = f"council-report-{edition.period_start}-{edition.period_end}-v{version.number}-{lang}"
    response["Content-Disposition"] = f'attachment; filename="{name}.{fmt}"'
    return response
