"""The managers' dashboard: compliance, processing times, inventory, flows, forecasts, at-risk
cases and inventory targets, per service and overall. Everything comes from the snapshot (one
query) except the at-risk list, which pages through the forecasts by an index."""

from django.conf import settings
from django.contrib import messages
from django.core.paginator import Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guichet.backoffice.access import staff_permission_required
from guichet.catalogue.selectors import service_get, service_list
from guichet.core.audit import audit_record
from guichet.core.errors import GuichetError, NotFound
from guichet.core.models import AuditRecord
from guichet.core.text import name_key
from guichet.standards import charts, tables
from guichet.standards.days import date_of
from guichet.standards.figures import Figures, ServiceFigures
from guichet.standards.selectors import at_risk_list, backtest_latest_get, snapshot_latest_get
from guichet.standards.services import inventory_target_set
from guichet.standards.targets import targets_progress
from guichet.standards.tasks import standards_refresh_enqueue, standards_refresh_schedule
from guichet.standards.views.fragments import fragment_get

VIEW = "standards.view_standards_dashboard"
VIEWED, CHANGED = AuditRecord.Action.VIEW, AuditRecord.Action.CHANGE
REFRESH = "standards.refresh_standards"
SET_TARGET = "standards.add_inventorytarget"


def _language() -> str:
    return "fr" if (get_language() or "en").startswith("fr") else "en"


def scope_of(request: HttpRequest, figures: Figures | None) -> tuple[str, list[ServiceFigures]]:
    """The service chosen with ?service= (raises NotFound if unknown), or every service."""
    code = request.GET.get("service", "").strip()
    if code:
        service_get(code=code, field="service")
    if figures is None:
        return code, []
    return code, [s for s in figures.services if code in ("", s.code)]


def all_tables(
    figures: Figures, services: list[ServiceFigures], language: str
) -> dict[str, tables.Table]:
    built = [
        tables.compliance_table(figures, services, language),
        tables.monthly_table(figures, services, language),
        tables.processing_table(figures, services, language),
        tables.age_table(figures, services, language),
        tables.inventory_table(figures, services, language),
        tables.flows_table(figures, services, settings.STANDARDS_FLOW_WEEKS),
        tables.forecast_table(figures, services, language),
    ]
    return {table.key: table for table in built}


def figures_context(
    figures: Figures, services: list[ServiceFigures], code: str, language: str
) -> dict[str, object]:
    """Everything the figures part of the dashboard shows (rendered once per snapshot)."""
    built = all_tables(figures, services, language)
    with_standard = [s for s in services if s.target_days is not None]
    return {
        "code": code,
        "tables": {key.replace("-", "_"): table for key, table in built.items()},
        "missing": [
            tables.service_name(s.code, language) for s in with_standard if s.misses_standard
        ],
        "with_standard": len(with_standard),
        "open_total": sum(s.open_total for s in services),
        "backlog_total": sum(s.backlog for s in services),
        "at_risk_total": sum(s.at_risk for s in services),
        "slowed": [
            (tables.service_name(s.code, language), s.pace_ratio) for s in services if s.slowed
        ],
        "compliance_bars": charts.monthly_bars(services[0])
        if code and services
        else charts.compliance_bars(services, language),
        "measured_bars": charts.days_bars(services, language, forward=False),
        "forward_bars": charts.days_bars(services, language, forward=True),
        "age_bars": charts.age_bars(figures, built["inventory-age"]),
        "flow_bars": charts.flow_bars(built["flows"]),
        "risk_bars": charts.at_risk_bars(services, language),
    }


@staff_permission_required(VIEW)
def dashboard(request: HttpRequest) -> HttpResponse:
    language = _language()
    snapshot = snapshot_latest_get()
    figures = snapshot.figures if snapshot else None
    try:
        code, services = scope_of(request, figures)
    except NotFound as error:
        messages.error(request, error.text(language))
        return redirect("standards:dashboard")
    context: dict[str, object] = {
        "snapshot": snapshot,
        "code": code,
        "service_choices": sorted(
            ((s.code, s.name(language)) for s in service_list()), key=lambda c: name_key(c[1])
        ),
        "can_refresh": request.user.has_perm(REFRESH),
        "can_set_target": request.user.has_perm(SET_TARGET),
    }
    if snapshot is not None and figures is not None:
        context["figures"] = figures
        context["figures_html"] = fragment_get(
            ("dashboard", snapshot.id, snapshot.computed_at, language, code),
            lambda: render_to_string(
                "standards/_dashboard_figures.html",
                figures_context(figures, services, code, language),
            ),
        )
        context["targets"] = targets_progress(figures, code or None)
        report = backtest_latest_get()
        if report is not None:
            context["backtest"] = report
            context["backtest_table"] = tables.backtest_table(report.data, code, language)
            context["backtest_scenarios"] = [
                result for result in report.data if result.get("slowed_service")
            ]
    # Aggregates only, no client's file: not audited (the at-risk list, which names cases, is).
    return render(request, "standards/dashboard.html", context)


@staff_permission_required(VIEW)
def at_risk(request: HttpRequest) -> HttpResponse:
    """Open cases likely to miss their standard, soonest deadline first, with their step."""
    language = _language()
    code = request.GET.get("service", "").strip()
    service_id = None
    if code:
        try:
            service_id = service_get(code=code, field="service").pk
        except NotFound as error:
            messages.error(request, error.text(language))
            return redirect("standards:at-risk")
    page = Paginator(at_risk_list(service_id=service_id), settings.STANDARDS_AT_RISK_PAGE).get_page(
        request.GET.get("page")
    )
    rows = [
        {
            "case_id": f.case_id,
            "application_number": f.case.application_number,
            "service": f.service.name(language),
            "step": f.step_type.name(language) if f.step_type else tables.step_name("", language),
            "deadline": date_of(f.deadline_day) if f.deadline_day is not None else None,
            "likely_by": date_of(f.likely_by_day),
            "most_by": date_of(f.most_by_day),
            "queue_position": f.queue_position,
        }
        for f in page.object_list
    ]
    audit_record(actor=request.user, action=VIEWED, target_type="standards_at_risk", detail=code)
    return render(
        request,
        "standards/at_risk.html",
        {
            "page": page,
            "rows": rows,
            "code": code,
            "service_name": tables.service_name(code, language) if code else "",
        },
    )


@require_POST
@staff_permission_required(REFRESH)
def refresh(request: HttpRequest) -> HttpResponse:
    """Refresh now (in the background) and make sure the scheduled refresh runs."""
    standards_refresh_enqueue()
    standards_refresh_schedule()
    audit_record(actor=request.user, action=CHANGED, target_type="standards_snapshot")
    messages.success(request, _("The figures are being refreshed. Reload this page in a minute."))
    return redirect("standards:dashboard")


@require_POST
@staff_permission_required(SET_TARGET)
def target_set(request: HttpRequest) -> HttpResponse:
    try:
        target = inventory_target_set(
            service_code=request.POST.get("service", ""),
            reduction_percent=request.POST.get("reduction", ""),
            months=request.POST.get("months", ""),
            actor=request.user,  # type: ignore[arg-type]
        )
    except GuichetError as error:
        messages.error(request, error.text(_language()))
    else:
        messages.success(
            request,
            _("Target set: %(reduction)s%% fewer open cases by %(date)s.")
            % {"reduction": int(target.reduction_share * 100), "date": target.end_date.isoformat()},
        )
    return redirect(reverse("standards:dashboard") + "#targets")
