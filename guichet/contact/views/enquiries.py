"""Clients' web enquiries: ask about one of your own applications, read the answers.

Only applications linked to the signed-in account can be chosen; any other id (a forged form)
is refused with the same message as an unknown one, and audited. Answers are shown only to the
account that asked.
"""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from guichet.accounts.access import client_required, request_account
from guichet.accounts.selectors import linked_cases_list
from guichet.contact.forms import EnquiryForm, error_put
from guichet.contact.models import Enquiry
from guichet.contact.services.enquiries import enquiry_submit
from guichet.contact.views.language import page_language
from guichet.core.errors import GuichetError


@client_required
def enquiry_list(request: HttpRequest) -> HttpResponse:
    enquiries = (
        Enquiry.objects.filter(author=request_account(request).user)
        .select_related("case", "case__service")
        .order_by("-submitted_at")
    )
    return render(
        request,
        "contact/help/enquiry_list.html",
        {"enquiries": enquiries, "language": page_language()},
    )


@client_required
@require_http_methods(["GET", "POST"])
def enquiry_new(request: HttpRequest) -> HttpResponse:
    account = request_account(request)
    language = page_language()
    linked = linked_cases_list(account=account, language=language)
    choices = [
        (item.link.case_id, f"{item.status.application_number} – {item.status.service_name}")
        for item in linked
    ]
    form = EnquiryForm(request.POST or None, cases=choices)
    if request.method == "POST" and form.is_valid():
        try:
            enquiry = enquiry_submit(
                account=account,
                case_id=form.cleaned_data["case"],
                reason=form.cleaned_data["reason"],
                question=form.cleaned_data["question"],
                language=language,
            )
        except GuichetError as error:
            error_put(form, error, language)
        else:
            messages.success(
                request,
                _(
                    "Your question has been sent. An agent will answer it within 2 business "
                    "days; we will tell you when the answer is ready."
                ),
            )
            return redirect("contact:enquiry", enquiry_id=enquiry.pk)
    return render(
        request,
        "contact/help/enquiry_new.html",
        {"form": form, "has_cases": bool(choices), "language": language},
        status=400 if request.method == "POST" else 200,
    )


@client_required
def enquiry_detail(request: HttpRequest, enquiry_id: int) -> HttpResponse:
    enquiry = (
        Enquiry.objects.select_related("case", "case__service")
        .filter(pk=enquiry_id, author=request_account(request).user)
        .first()
    )
    if enquiry is None:
        raise Http404
    return render(
        request,
        "contact/help/enquiry_detail.html",
        {"enquiry": enquiry, "language": page_language()},
    )
