"""Program changes: an analyst opens one from an area of low satisfaction (the figures come
along as evidence); the public page "What we heard, what we changed" lists those published,
with the question measured before and after the change."""

from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import get_language

from guichet.backoffice.access import staff_permission_required, staff_user
from guichet.core.audit import audit_record
from guichet.core.errors import InvalidInput
from guichet.core.models import AuditRecord
from guichet.feedback.selectors import program_changes_published, satisfaction_report
from guichet.feedback.services import program_change_open

RECORD = "feedback.record_program_change"
FIELDS = ("owner", "heard_en", "heard_fr", "changed_en", "changed_fr")


def _language() -> str:
    return "fr" if (get_language() or "en").startswith("fr") else "en"


def _evidence(measure: str, group: str) -> dict:
    """The weak-area row the change is opened from, as the page showed it (aggregates)."""
    report = satisfaction_report()
    for c in report.weak:
        if c.measure == measure and c.group == group:
            return {
                "year": report.group,
                "group": c.group,
                "n_group": c.n_b,
                "share_group": c.share_b,
                "share_rest": c.share_a,
                "cohens_h": c.effect_h,
                "p_holm": c.p_holm,
            }
    return {}


@staff_permission_required(RECORD)
def change_open(request: HttpRequest) -> HttpResponse:
    language = _language()
    source = request.POST if request.method == "POST" else request.GET
    measure = source.get("measure", "")
    group = source.get("group", "")
    service_code = group.split("=", 1)[1] if group.startswith("service_code=") else ""
    error: InvalidInput | None = None
    if request.method == "POST":
        try:
            change = program_change_open(
                measure=measure,
                service_code=service_code,
                evidence=_evidence(measure, group),
                publish=source.get("publish") == "yes",
                owner=source.get("owner", ""),
                heard_en=source.get("heard_en", ""),
                heard_fr=source.get("heard_fr", ""),
                changed_en=source.get("changed_en", ""),
                changed_fr=source.get("changed_fr", ""),
            )
        except InvalidInput as refusal:
            error = refusal
        else:
            audit_record(
                actor=staff_user(request),
                action=AuditRecord.Action.CHANGE,
                target_type="feedback.programchange",
                target_id=change.pk,
            )
            return redirect("feedback:what-we-heard")
    context = {
        "measure": measure,
        "group": group,
        "values": {n: source.get(n, "") for n in FIELDS},
        "error": error.text(language) if error else "",
        "error_field": error.field if error else "",
    }
    return render(request, "feedback/change_open.html", context, status=400 if error else 200)


def what_we_heard(request: HttpRequest) -> HttpResponse:
    language = _language()
    items = [
        {
            "heard": getattr(o.change, f"heard_{language}"),
            "changed": getattr(o.change, f"changed_{language}"),
            "shipped_on": o.change.shipped_on,
            "comparison": o.comparison,
        }
        for o in program_changes_published()
    ]
    return render(request, "feedback/what_we_heard.html", {"items": items})
