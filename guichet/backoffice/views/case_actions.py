"""What an officer changes on a case: move a step, ask the client for documents, decide.

Each view calls one service, writes the audit record in the same transaction, and redirects
back to the case page (POST-redirect-GET). A refusal is shown there, naming the field.
"""

from collections.abc import Callable

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guichet.backoffice.access import (
    ADVANCE_CASE_STEP,
    RECORD_DECISION,
    staff_permission_required,
    staff_user,
)
from guichet.backoffice.errors import error_text
from guichet.backoffice.views.language import page_language
from guichet.cases.models import Decision
from guichet.cases.services import case_decide, case_step_update
from guichet.catalogue.models import StepState
from guichet.catalogue.selectors import catalogue_get
from guichet.core.audit import audit_record
from guichet.core.errors import GuichetError, NotFound
from guichet.documents.services import document_request_open


def _back_to_case(case_id: int) -> HttpResponseRedirect:
    return redirect("backoffice:case", case_id=case_id)


def _refused(request: HttpRequest, case_id: int, error: GuichetError) -> HttpResponseRedirect:
    if isinstance(error, NotFound) and error.field == "case":
        raise Http404
    messages.error(request, error_text(error, page_language()))
    return _back_to_case(case_id)


def _change(
    request: HttpRequest, case_id: int, *, detail: str, write: Callable[[], object]
) -> HttpResponseRedirect | None:
    """Run one service call and its audit record in one transaction. On a refusal, the
    redirect back to the case page with the error; None when the change was made."""
    try:
        with transaction.atomic():
            write()
            audit_record(
                actor=staff_user(request),
                action="change",
                target_type="case",
                target_id=case_id,
                detail=detail,
            )
    except GuichetError as error:
        return _refused(request, case_id, error)
    return None


def _step_name(code: str) -> str:
    step_type = catalogue_get().step_types_by_code.get(code)
    return step_type.name(page_language()) if step_type else code


@staff_permission_required(ADVANCE_CASE_STEP)
@require_POST
def step_update(request: HttpRequest, case_id: int) -> HttpResponse:
    """Move one step to the state chosen in the form."""
    step_code = request.POST.get("step", "")
    state = request.POST.get("state", "")
    refused = _change(
        request,
        case_id,
        detail=f"step {step_code} moved to {state}",
        write=lambda: case_step_update(
            case_id=case_id, step_code=step_code, state=state, actor=staff_user(request)
        ),
    )
    if refused:
        return refused
    messages.success(
        request,
        _("The step “%(step)s” is now “%(state)s”.")
        % {"step": _step_name(step_code), "state": StepState(state).label},
    )
    return _back_to_case(case_id)


@staff_permission_required(ADVANCE_CASE_STEP)
@require_POST
def documents_request(request: HttpRequest, case_id: int) -> HttpResponse:
    """Ask the client to act at one step; the note tells them what to send."""
    step_code = request.POST.get("step", "")
    refused = _change(
        request,
        case_id,
        detail=f"documents requested at step {step_code}",
        write=lambda: document_request_open(
            case_id=case_id,
            step_code=step_code,
            description=request.POST.get("client_note", ""),
            actor=staff_user(request),
        ),
    )
    if refused:
        return refused
    messages.success(
        request,
        _("Documents requested at the step “%(step)s”. The client will see your note.")
        % {"step": _step_name(step_code)},
    )
    return _back_to_case(case_id)


@staff_permission_required(RECORD_DECISION)
@require_POST
def decision_record(request: HttpRequest, case_id: int) -> HttpResponse:
    """Record the decision, which closes the case."""
    outcome = request.POST.get("outcome", "")
    refused = _change(
        request,
        case_id,
        detail=f"decision recorded: {outcome}",
        write=lambda: case_decide(
            case_id=case_id,
            outcome=outcome,
            actor=staff_user(request),
            client_note=request.POST.get("client_note", ""),
        ),
    )
    if refused:
        return refused
    messages.success(
        request, _("Decision recorded: %(outcome)s.") % {"outcome": Decision(outcome).label}
    )
    return _back_to_case(case_id)
