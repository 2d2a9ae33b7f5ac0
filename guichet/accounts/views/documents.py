"""Sending a document the officer asked for, from the case page."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from guichet.accounts.access import client_required, request_account
from guichet.accounts.forms import DocumentUploadForm, error_attach
from guichet.accounts.selectors import case_link_get
from guichet.accounts.views.cases import case_page
from guichet.core.errors import GuichetError
from guichet.documents.services import document_upload


@require_POST
@client_required
def document_send(request: HttpRequest, link_id: int, request_id: int) -> HttpResponse:
    """Only through a link of this account: a request of any other case is not found."""
    account = request_account(request)
    link = case_link_get(account=account, link_id=link_id)
    if link is None:
        raise Http404
    form = DocumentUploadForm(request.POST, request.FILES)
    form.is_valid()
    try:
        document_upload(
            case_id=link.case_id,
            request_id=request_id,
            upload=form.cleaned_data.get("file") or request.FILES.get("file"),
            uploader=account.user,
        )
    except GuichetError as error:
        if error.code == "not_found":
            raise Http404 from None
        error_attach(form, error)
        return case_page(
            request,
            account=account,
            link=link,
            upload_form=form,
            upload_request_id=request_id,
            status_code=400,
        )
    messages.success(
        request,
        _("We received your file. An officer will check it; we will tell you when they have."),
    )
    return redirect("accounts:case", link_id=link.pk)
