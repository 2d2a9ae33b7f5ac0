"""The client's side: authorise a representative for an application (or all), revoke, and
read what representatives saw and did. Only through a link of this account."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from guichet.accounts.access import client_required, request_account
from guichet.accounts.forms import error_attach
from guichet.accounts.models import CaseLink
from guichet.accounts.selectors import case_link_get
from guichet.accounts.views import page_language
from guichet.cases.models import Case
from guichet.core.errors import GuichetError
from guichet.representatives.forms import ConsentForm
from guichet.representatives.models import ConsentSource
from guichet.representatives.selectors import accesses_for_client, consents_for_client
from guichet.representatives.services import consent_grant, consent_revoke
from guichet.status.selectors import case_status_get


def _link(request: HttpRequest, link_id: int) -> tuple[CaseLink, int]:
    link = case_link_get(account=request_account(request), link_id=link_id)
    if link is None:
        raise Http404
    client_id = Case.objects.values_list("client_id", flat=True).get(pk=link.case_id)
    return link, client_id


@client_required
@require_http_methods(["GET", "POST"])
def consents(request: HttpRequest, link_id: int) -> HttpResponse:
    account = request_account(request)
    link, client_id = _link(request, link_id)
    form = ConsentForm(request.POST or None, initial={"scope": "case"})
    if request.method == "POST" and form.is_valid():
        try:
            consent_grant(
                client_id=client_id,
                regulator_code=form.cleaned_data["regulator"],
                membership_number=form.cleaned_data["membership_number"],
                case_id=None if form.cleaned_data["scope"] == "all" else link.case_id,
                source=ConsentSource.ONLINE,
                actor=account.user,
            )
        except GuichetError as error:
            error_attach(form, error)
        else:
            messages.success(request, _("Your representative can now see this application."))
            return redirect("representatives:client-consents", link_id=link.pk)
    return render(
        request,
        "representatives/client_consents.html",
        {
            "account": account,
            "link": link,
            "form": form,
            "status": case_status_get(case_id=link.case_id, language=page_language()),
            "consents": consents_for_client(client_id=client_id),
            "accesses": accesses_for_client(client_id=client_id),
        },
        status=400 if form.errors else 200,
    )


@require_POST
@client_required
def consent_revoke_view(request: HttpRequest, link_id: int, consent_id: int) -> HttpResponse:
    account = request_account(request)
    link, client_id = _link(request, link_id)
    try:
        consent_revoke(consent_id=consent_id, client_id=client_id, actor=account.user)
    except GuichetError as error:
        if error.code == "not_found":
            raise Http404 from None
        messages.info(request, error.text(page_language()))
    else:
        messages.success(
            request, _("The consent is revoked. Your representative no longer sees it.")
        )
    return redirect("representatives:client-consents", link_id=link.pk)
