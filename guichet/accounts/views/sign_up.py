"""Opening an account and confirming its e-mail address."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from guichet.accounts.errors import Throttled
from guichet.accounts.forms import SignUpForm, error_attach
from guichet.accounts.network import client_ip
from guichet.accounts.services import account_email_verify, account_sign_up
from guichet.accounts.tokens import uid_decode
from guichet.accounts.views import page_language, throttled
from guichet.core.errors import GuichetError


@require_http_methods(["GET", "POST"])
def sign_up(request: HttpRequest) -> HttpResponse:
    """The same next page whether or not the address already has an account."""
    form = SignUpForm(request.POST or None, initial={"language": page_language()})
    retry_after: int | None = None
    if request.method == "POST" and form.is_valid():
        try:
            account_sign_up(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                language=form.cleaned_data["language"] or page_language(),
                ip=client_ip(request),
            )
        except Throttled as error:
            error_attach(form, error)
            retry_after = error.retry_after
        except GuichetError as error:
            error_attach(form, error)
        else:
            return redirect("accounts:sign-up-sent")
    return throttled(render(request, "accounts/sign_up.html", {"form": form}), retry_after)


def sign_up_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/sign_up_sent.html")


def verify_email(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    account = account_email_verify(user_id=uid_decode(uidb64), token=token)
    if account is None:
        return render(request, "accounts/verify_email_failed.html", status=400)
    messages.success(request, _("Your e-mail address is confirmed. You can sign in now."))
    return redirect("accounts:sign-in")
