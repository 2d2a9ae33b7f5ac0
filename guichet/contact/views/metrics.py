"""The channel metrics dashboard (managers), its CSV export, and the self-service switches."""

import csv

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guichet.backoffice.access import staff_permission_required
from guichet.contact.selectors.metrics import ChannelMetrics, channel_metrics_get
from guichet.contact.selectors.self_service import self_service_table
from guichet.contact.services.switches import self_service_switch
from guichet.contact.views.language import page_language
from guichet.core.errors import GuichetError

VIEW_METRICS = "contact.view_channel_metrics"
SWITCH = "contact.switch_self_service"
WEEK_CHOICES = (4, 12, 26, 52)


def _weeks(request: HttpRequest) -> int:
    value = request.GET.get("weeks", "12")
    return int(value) if value.isdigit() and int(value) in WEEK_CHOICES else 12


@staff_permission_required(VIEW_METRICS)
def dashboard(request: HttpRequest) -> HttpResponse:
    language = page_language()
    weeks = _weeks(request)
    metrics = channel_metrics_get(weeks=weeks, language=language)
    rows = [
        (
            monday,
            [metrics.per_week.get(monday, {}).get(code, 0) for code, _l in metrics.channels],
            sum(metrics.per_week.get(monday, {}).values()),
        )
        for monday in metrics.weeks
    ]
    return render(
        request,
        "contact/metrics/dashboard.html",
        {
            "m": metrics,
            "week_rows": rows,
            "weeks": weeks,
            "week_choices": WEEK_CHOICES,
            "switches": self_service_table(language=language),
            "can_switch": request.user.has_perm(SWITCH),
            "language": language,
        },
    )


def _csv_rows(m: ChannelMetrics) -> list[list[str]]:
    rows = [["section", "code", "label", "week", "value"]]
    for monday in m.weeks:
        for code, label in m.channels:
            rows.append(
                [
                    "contacts_per_week",
                    code,
                    label,
                    monday.isoformat(),
                    str(m.per_week.get(monday, {}).get(code, 0)),
                ]
            )
    for bar in m.reasons:
        rows.append(["reasons", bar.code, bar.label, "", str(bar.value)])
    for name, ratio in (
        ("avoidable_contacts", m.avoidable),
        ("ivr_containment", m.containment),
        ("ivr_true_containment", m.true_containment),
        ("first_contact_resolution", m.first_contact_resolution),
        ("digital_take_up", m.digital_take_up),
    ):
        rows.append([name, "numerator", "", "", str(ratio.numerator)])
        rows.append([name, "denominator", "", "", str(ratio.denominator)])
        rows.append([name, "percent", "", "", "" if ratio.percent is None else str(ratio.percent)])
    for article in m.articles:
        rows.append(["articles_used", article.slug, article.title, "", str(article.uses)])
    for reason in m.reasons_without_article:
        rows.append(
            ["reasons_without_article", reason.code, reason.label, "", str(reason.contacts)]
        )
    return rows


@staff_permission_required(VIEW_METRICS)
def dashboard_csv(request: HttpRequest) -> HttpResponse:
    """Every figure of the dashboard, one per line, for a spreadsheet."""
    weeks = _weeks(request)
    metrics = channel_metrics_get(weeks=weeks, language=page_language())
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = (
        f'attachment; filename="channel-metrics-{metrics.start}-{metrics.end}.csv"'
    )
    response.write("\ufeff")  # so that spreadsheet programs read the accents right
    writer = csv.writer(response)
    writer.writerows(_csv_rows(metrics))
    return response


@staff_permission_required(SWITCH)
@require_POST
def switch(request: HttpRequest) -> HttpResponse:
    enabled = request.POST.get("enabled") == "on"
    try:
        self_service_switch(
            actor=request.user,  # type: ignore[arg-type]
            service_code=request.POST.get("service", ""),
            enabled=enabled,
        )
    except GuichetError as error:
        messages.error(request, error.text(page_language()))
    else:
        messages.success(
            request,
            _("Phone self-service is now on for this service.")
            if enabled
            else _("Phone self-service is now off for this service."),
        )
    return redirect("contact:metrics")
