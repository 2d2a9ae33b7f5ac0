"""Changing the applicant's mailing address and contact details, from a linked case."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from guichet.accounts.access import client_required, request_account
from guichet.accounts.forms import ContactDetailsForm, error_attach
from guichet.accounts.selectors import case_link_get, contact_details_get
from guichet.accounts.services.contact_details import contact_details_change
from guichet.accounts.views import page_language
from guichet.clients.contact_details import contact_details_check
from guichet.core.errors import GuichetError
from guichet.status.selectors import case_status_get


@client_required
@require_http_methods(["GET", "POST"])
def contact_details(request: HttpRequest, link_id: int) -> HttpResponse:
    account = request_account(request)
    link = case_link_get(account=account, link_id=link_id)
    if link is None:
        raise Http404
    current = contact_details_get(case_id=link.case_id)
    form = ContactDetailsForm(request.POST or None, initial=current.__dict__)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            details = contact_details_check(
                address_line=data["address_line"],
                city=data["city"],
                province=data["province"],
                postal_code=data["postal_code"],
                phone=data["phone"],
                email=data["email"],
            )
            contact_details_change(account=account, link_id=link.pk, details=details)
        except GuichetError as error:
            if error.code == "not_found":
                raise Http404 from None
            error_attach(form, error)
        else:
            messages.success(
                request,
                _(
                    "Your new details are saved and noted in the history of your applications "
                    "in progress. We sent a confirmation to the old and the new contact details."
                ),
            )
            return redirect("accounts:case", link_id=link.pk)
    status = case_status_get(case_id=link.case_id, language=page_language())
    return render(
        request,
        "accounts/contact_details.html",
        {"account": account, "link": link, "status": status, "current": current, "form": form},
        status=400 if form.errors else 200,
    )
