"""Staff pages: verifying representatives' memberships, recording a paper
use-of-representative form on a case."""

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from guichet.accounts.forms import error_attach
from guichet.accounts.views import page_language
from guichet.backoffice.access import staff_permission_required, staff_user
from guichet.cases.models import Case
from guichet.core.audit import audit_record
from guichet.core.errors import GuichetError
from guichet.representatives.forms import ConsentForm
from guichet.representatives.models import ConsentSource
from guichet.representatives.selectors import consents_for_client, pending_representatives
from guichet.representatives.services import (
    consent_grant,
    representative_refuse,
    representative_verify,
)

VERIFY = "representatives.verify_representative"
RECORD = "representatives.record_consent"


@staff_permission_required(VERIFY)
def pending(request: HttpRequest) -> HttpResponse:
    return render(
        request,
        "representatives/staff_pending.html",
        {"representatives": pending_representatives()},
    )


@require_POST
@staff_permission_required(VERIFY)
def decide(request: HttpRequest, representative_id: int) -> HttpResponse:
    actor = staff_user(request)
    decision = request.POST.get("decision")
    try:
        if decision == "verify":
            representative_verify(representative_id=representative_id, actor=actor)
            messages.success(request, _("The representative is verified for one year."))
        elif decision == "refuse":
            representative_refuse(representative_id=representative_id, actor=actor)
            messages.success(request, _("The representative is refused."))
    except GuichetError as error:
        if error.code == "not_found":
            raise Http404 from None
        raise
    return redirect("representatives:staff-pending")


@staff_permission_required(RECORD)
@require_http_methods(["GET", "POST"])
def paper_consent(request: HttpRequest, case_id: int) -> HttpResponse:
    actor = staff_user(request)
    case = Case.objects.filter(pk=case_id).only("id", "client_id", "application_number").first()
    if case is None:
        raise Http404
    form = ConsentForm(request.POST or None, initial={"scope": "case"})
    if request.method == "POST" and form.is_valid():
        try:
            consent_grant(
                client_id=case.client_id,
                regulator_code=form.cleaned_data["regulator"],
                membership_number=form.cleaned_data["membership_number"],
                case_id=None if form.cleaned_data["scope"] == "all" else case.pk,
                source=ConsentSource.PAPER,
                actor=actor,
            )
        except GuichetError as error:
            error_attach(form, error)
        else:
            messages.success(request, _("The use-of-representative form is recorded."))
            return redirect("representatives:staff-paper-consent", case_id=case.pk)
    with transaction.atomic():
        audit_record(
            actor=actor,
            action="view",
            target_type="case",
            target_id=case.pk,
            detail="representatives and consents",
        )
    return render(
        request,
        "representatives/staff_paper_consent.html",
        {
            "case": case,
            "form": form,
            "consents": consents_for_client(client_id=case.client_id),
            "language": page_language(),
        },
        status=400 if form.errors else 200,
    )
