"""The client's applications: the list, linking one, its status page, update choices."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_http_methods, require_POST

from guichet.accounts.access import client_required, request_account
from guichet.accounts.errors import Throttled
from guichet.accounts.forms import (
    DocumentUploadForm,
    LinkByNumberForm,
    LinkByUciForm,
    PreferencesForm,
    error_attach,
)
from guichet.accounts.linking import (
    case_link_by_number,
    case_link_by_uci,
    case_link_preferences_update,
    case_link_remove,
)
from guichet.accounts.models import CaseLink, ClientAccount
from guichet.accounts.network import client_ip
from guichet.accounts.selectors import (
    actions_needed,
    case_link_get,
    history_newest_first,
    linked_cases_list,
)
from guichet.accounts.views import page_language, throttled
from guichet.core.errors import GuichetError
from guichet.documents.selectors import document_requests_for_case
from guichet.letters.selectors import letters_for_case
from guichet.notifications.selectors import sms_stopped_since
from guichet.status.selectors import case_status_get
from guichet.status.signals import status_shown

ROUTE_NUMBER = "number"
ROUTE_UCI = "uci"


@client_required
def case_list(request: HttpRequest) -> HttpResponse:
    account = request_account(request)
    cases = linked_cases_list(account=account, language=page_language())
    return render(request, "accounts/case_list.html", {"account": account, "cases": cases})


@client_required
@require_http_methods(["GET", "POST"])
def case_link(request: HttpRequest) -> HttpResponse:
    """Two ways to prove an application is yours; each has its own form on the page."""
    account = request_account(request)
    route = request.POST.get("route") if request.method == "POST" else None
    by_number = LinkByNumberForm(request.POST if route == ROUTE_NUMBER else None, prefix="n")
    by_uci = LinkByUciForm(request.POST if route == ROUTE_UCI else None, prefix="u")
    retry_after: int | None = None
    form = by_number if route == ROUTE_NUMBER else by_uci if route == ROUTE_UCI else None
    if form is not None and form.is_valid():
        data = form.cleaned_data
        try:
            if form is by_number:
                outcome = case_link_by_number(
                    account=account,
                    application_number=data["application_number"],
                    family_name=data["family_name"],
                    date_of_birth=data["date_of_birth"],
                    ip=client_ip(request),
                )
            else:
                outcome = case_link_by_uci(
                    account=account,
                    uci=data["uci"],
                    family_name=data["family_name"],
                    given_names=data["given_names"],
                    date_of_birth=data["date_of_birth"],
                    ip=client_ip(request),
                )
        except Throttled as error:
            error_attach(form, error)
            retry_after = error.retry_after
        except GuichetError as error:
            error_attach(form, error)
        else:
            count = len(outcome.links)
            messages.success(
                request,
                ngettext(
                    "The application is in your account.",
                    "%(count)s applications are in your account.",
                    count,
                )
                % {"count": count},
            )
            if count == 1:
                return redirect("accounts:case", link_id=outcome.links[0].pk)
            return redirect("accounts:cases")
    return throttled(
        render(
            request,
            "accounts/case_link.html",
            {"account": account, "by_number": by_number, "by_uci": by_uci, "route": route},
        ),
        retry_after,
    )


@client_required
def case_detail(request: HttpRequest, link_id: int) -> HttpResponse:
    """The status page of one linked case: steps, what to do, the full dated history."""
    account = request_account(request)
    link = case_link_get(account=account, link_id=link_id)
    if link is None:
        raise Http404
    return case_page(request, account=account, link=link)


def case_page(
    request: HttpRequest,
    *,
    account: ClientAccount,
    link: CaseLink,
    upload_form: DocumentUploadForm | None = None,
    upload_request_id: int | None = None,
    status_code: int = 200,
) -> HttpResponse:
    """The case page, with a refused upload's form (and its error) on its request."""
    language = page_language()
    status = case_status_get(case_id=link.case_id, language=language)
    status_shown.send(sender=__name__, channel="web")  # digital take-up: a count, no person
    return render(
        request,
        "accounts/case_detail.html",
        {
            "account": account,
            "link": link,
            "status": status,
            "actions": actions_needed(status),
            "history": history_newest_first(status),
            "document_requests": document_requests_for_case(
                case_id=link.case_id, language=language
            ),
            "letters": letters_for_case(case_id=link.case_id),
            "upload_form": upload_form or DocumentUploadForm(),
            "upload_request_id": upload_request_id,
            "sms_stopped_since": sms_stopped_since(account.phone),
            "preferences": PreferencesForm(
                initial={"sms": link.notify_sms, "email": link.notify_email}
            ),
        },
        status=status_code,
    )


@require_POST
@client_required
def case_preferences(request: HttpRequest, link_id: int) -> HttpResponse:
    account = request_account(request)
    form = PreferencesForm(request.POST)
    form.is_valid()
    # While texts are stopped the box is not offered (a disabled box is never posted): keep
    # the stored choice rather than read its absence as "off".
    stopped = sms_stopped_since(account.phone) is not None
    try:
        link = case_link_preferences_update(
            account=account,
            link_id=link_id,
            sms=None if stopped else bool(form.cleaned_data.get("sms")),
            email=bool(form.cleaned_data.get("email")),
        )
    except GuichetError as error:
        if error.code == "not_found":
            raise Http404 from None
        messages.error(request, error.text(page_language()))
        return redirect("accounts:case", link_id=link_id)
    if link.channels():
        messages.success(
            request, _("Your choices are saved. We will tell you when anything changes.")
        )
    else:
        messages.success(request, _("Your choices are saved. We will not send you updates."))
    return redirect("accounts:case", link_id=link.pk)


@require_POST
@client_required
def case_remove(request: HttpRequest, link_id: int) -> HttpResponse:
    try:
        case_link_remove(account=request_account(request), link_id=link_id)
    except GuichetError:
        raise Http404 from None
    messages.success(
        request,
        _("The application is no longer in your account. It goes on as before."),
    )
    return redirect("accounts:cases")
