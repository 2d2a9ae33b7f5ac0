"""The mailroom screen: a clerk registers paper packages with a barcode scanner.

Keyboard-wedge scanners type the barcode and press Enter. Enter with only the barcode filled in
looks the package up: already registered, its number is shown; new, the applicant fields come
next. Enter with the fields filled in registers it, and the page comes back ready for the next
scan (post, redirect, get: a reload never registers twice). Works without JavaScript.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required, permission_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.cache import never_cache

from guichet.core import clock
from guichet.core.errors import Conflict, GuichetError
from guichet.intake.forms import MailroomForm
from guichet.intake.models import ReceiptSource
from guichet.intake.selectors import paper_receipt_find
from guichet.intake.services import paper_receipt_register
from guichet.intake.validation import PaperReceiptInput, applicant_check, receipt_fields_check

SESSION_RECENT = "intake.mailroom.recent"
SESSION_LAST = "intake.mailroom.last"
SESSION_STICKY = "intake.mailroom.sticky"
RECENT_LIMIT = 25


def _remember(request: HttpRequest, entry: dict[str, Any]) -> None:
    recent = [entry, *request.session.get(SESSION_RECENT, [])][:RECENT_LIMIT]
    request.session[SESSION_RECENT] = recent
    request.session[SESSION_LAST] = entry


def _blank_form(request: HttpRequest) -> MailroomForm:
    # The clerk usually opens a batch of one service received on one day: keep both.
    sticky = request.session.get(SESSION_STICKY, {})
    form = MailroomForm(
        initial={
            "service_code": sticky.get("service_code", ""),
            "received_at": sticky.get("received_at", clock.today().isoformat()),
        }
    )
    form.focus("package_barcode")
    return form


def _render(
    request: HttpRequest,
    form: MailroomForm,
    *,
    last: dict[str, Any] | None = None,
    status: int = 200,
) -> HttpResponse:
    context = {
        "form": form,
        "scan_field": form["package_barcode"],
        "package_fields": [form[name] for name in ("service_code", "received_at")],
        "applicant_fields": [form[name] for name in MailroomForm.APPLICANT],
        "last": last,
        "recent": request.session.get(SESSION_RECENT, []),
    }
    return render(request, "intake/mailroom/screen.html", context, status=status)


@never_cache
@login_required
@permission_required("intake.register_paper_receipt", raise_exception=True)
def mailroom_screen(request: HttpRequest) -> HttpResponse:
    if request.method != "POST":
        return _render(request, _blank_form(request), last=request.session.pop(SESSION_LAST, None))

    form = MailroomForm(request.POST)
    if form.only_scanned():
        barcode = form.data["package_barcode"].strip()
        found = paper_receipt_find(package_barcode=barcode)
        if found is not None:
            entry = {
                "barcode": barcode,
                "number": found.case.application_number,  # type: ignore[union-attr]
                "created": False,
            }
            return _render(request, _blank_form(request), last=entry)
        form.focus("family_name")
        return _render(request, form)

    body = form.body()
    fields, errors = receipt_fields_check(body)
    applicant, applicant_errors = applicant_check(body["applicant"])
    for error in [*errors, *applicant_errors]:
        form.add_domain_error(error, prefix="applicant.")
    if fields is None or applicant is None:
        return _invalid(request, form)
    barcode, service_code, received_at = fields
    data = PaperReceiptInput(barcode, service_code, received_at, applicant)
    try:
        outcome = paper_receipt_register(data=data, actor=request.user, source=ReceiptSource.SCREEN)
    except Conflict as error:
        form.add_domain_error(error)
        return _invalid(request, form, status=409)
    except GuichetError as error:
        form.add_domain_error(error, prefix="applicant.")
        return _invalid(request, form)
    request.session[SESSION_STICKY] = {
        "service_code": service_code,
        "received_at": body["received_at"] or clock.today().isoformat(),
    }
    _remember(
        request,
        {
            "barcode": barcode,
            "number": outcome.application_number,
            "service_code": service_code,
            "at": timezone.localtime().strftime("%H:%M:%S"),
            "created": outcome.created,
        },
    )
    return redirect("intake:mailroom")


def _invalid(request: HttpRequest, form: MailroomForm, *, status: int = 400) -> HttpResponse:
    form.describe_errors()
    first = form.first_error_field()
    if first:
        form.focus(first)
    return _render(request, form, status=status)
