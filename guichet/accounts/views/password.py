"""Forgotten password: ask for a link by e-mail, then choose a new password through it."""

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods

from guichet.accounts.errors import Throttled
from guichet.accounts.forms import EmailForm, NewPasswordForm, error_attach
from guichet.accounts.network import client_ip
from guichet.accounts.services import account_for_reset, account_password_reset_request
from guichet.accounts.services import account_password_reset as password_reset_service
from guichet.accounts.tokens import uid_decode
from guichet.accounts.views import throttled
from guichet.core.errors import GuichetError


@require_http_methods(["GET", "POST"])
def password_reset(request: HttpRequest) -> HttpResponse:
    """The same answer whether or not the address has an account."""
    form = EmailForm(request.POST or None)
    retry_after: int | None = None
    if request.method == "POST" and form.is_valid():
        try:
            account_password_reset_request(email=form.cleaned_data["email"], ip=client_ip(request))
        except Throttled as error:
            error_attach(form, error)
            retry_after = error.retry_after
        except GuichetError as error:
            error_attach(form, error)
        else:
            return redirect("accounts:password-reset-sent")
    return throttled(render(request, "accounts/password_reset.html", {"form": form}), retry_after)


def password_reset_sent(request: HttpRequest) -> HttpResponse:
    return render(request, "accounts/password_reset_sent.html")


@never_cache
@require_http_methods(["GET", "POST"])
def password_reset_confirm(request: HttpRequest, uidb64: str, token: str) -> HttpResponse:
    user_id = uid_decode(uidb64)
    if account_for_reset(user_id=user_id, token=token) is None:
        return render(request, "accounts/password_reset_failed.html", status=400)
    form = NewPasswordForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            password_reset_service(
                user_id=user_id, token=token, password=form.cleaned_data["new_password"]
            )
        except GuichetError as error:
            error_attach(form, error)
        else:
            messages.success(
                request,
                _("Your new password is saved and every device is signed out. Sign in with it."),
            )
            return redirect("accounts:sign-in")
    return render(request, "accounts/password_reset_confirm.html", {"form": form})
