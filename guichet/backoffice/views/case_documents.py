"""What an officer does with the documents a client sent: open a file, accept, refuse.

Opening a file is audited like opening the case (it is the client's file). Accepting moves the
step on; refusing needs a reason, which the client reads.
"""

from django.contrib import messages
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guichet.backoffice.access import (
    ADVANCE_CASE_STEP,
    VIEW_CASE_FILE,
    staff_permission_required,
    staff_user,
)
from guichet.backoffice.views.case_actions import _back_to_case, _refused
from guichet.core.audit import audit_record
from guichet.core.downloads import private_file_response
from guichet.core.errors import GuichetError
from guichet.documents.selectors import document_file_get, document_file_open
from guichet.documents.services import (
    document_paper_record,
    document_request_accept,
    document_request_refuse,
)
from guichet.letters.downloads import letter_response
from guichet.letters.selectors import letter_get


@staff_permission_required(VIEW_CASE_FILE)  # type: ignore[arg-type]  # a file streams
def document_file(request: HttpRequest, case_id: int, file_id: int) -> FileResponse:
    """The file as a download, never shown inline (a PDF reader in the browser is not ours)."""
    document = document_file_get(case_id=case_id, file_id=file_id)
    if document is None or document.purged_at is not None:  # gone at the end of retention
        raise Http404
    audit_record(
        actor=request.user,
        action="view",
        target_type="document",
        target_id=document.pk,
        detail=f"file of case {case_id}",
    )
    return private_file_response(
        document_file_open(document),
        filename=f"document-{document.pk}.{document.extension}",
        content_type=document.content_type,
    )


@staff_permission_required(VIEW_CASE_FILE)  # type: ignore[arg-type]  # a file streams
def letter_file(request: HttpRequest, case_id: int, letter_id: int) -> FileResponse:
    """A letter sent to the client, as they received it; audited like the case file."""
    letter = letter_get(case_id=case_id, letter_id=letter_id)
    if letter is None:
        raise Http404
    audit_record(
        actor=request.user,
        action="view",
        target_type="letter",
        target_id=letter.pk,
        detail=f"letter of case {case_id}",
    )
    return letter_response(letter)


@staff_permission_required(ADVANCE_CASE_STEP)
@require_POST
def documents_paper(request: HttpRequest, case_id: int, request_id: int) -> HttpResponse:
    """The client answered by mail: the paper lands on the same request."""
    try:
        document_paper_record(case_id=case_id, request_id=request_id, actor=staff_user(request))
    except GuichetError as error:
        return _refused(request, case_id, error)
    messages.success(request, _("The paper answer is recorded. Check it, then accept or refuse."))
    return _back_to_case(case_id)


@staff_permission_required(ADVANCE_CASE_STEP)
@require_POST
def documents_accept(request: HttpRequest, case_id: int, request_id: int) -> HttpResponse:
    try:
        document_request_accept(case_id=case_id, request_id=request_id, actor=staff_user(request))
    except GuichetError as error:
        return _refused(request, case_id, error)
    messages.success(request, _("The documents are accepted and the step has moved on."))
    return _back_to_case(case_id)


@staff_permission_required(ADVANCE_CASE_STEP)
@require_POST
def documents_refuse(request: HttpRequest, case_id: int, request_id: int) -> HttpResponse:
    try:
        document_request_refuse(
            case_id=case_id,
            request_id=request_id,
            actor=staff_user(request),
            reason=request.POST.get("reason", ""),
        )
    except GuichetError as error:
        return _refused(request, case_id, error)
    messages.success(request, _("The documents are not accepted. The client will see your reason."))
    return _back_to_case(case_id)
