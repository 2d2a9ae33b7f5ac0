"""Signing in (password, then the authenticator code when two-step verification is on) and out.

Django's `login` gives the session a new key, so a session id planted before sign-in is
worthless after it (session fixation). django-axes counts failed passwords per address and
username (accounts.lockout).
"""

import contextlib
from typing import Any

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.models import User
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from guichet.accounts.access import client_required, request_account
from guichet.accounts.errors import Throttled
from guichet.accounts.forms import CodeForm, SignInForm
from guichet.accounts.middleware import client_session_start
from guichet.accounts.models import ClientAccount
from guichet.accounts.network import client_ip
from guichet.accounts.services import (
    account_sign_out_everywhere,
    account_verification_resend,
    totp_device_get,
)
from guichet.core import clock

PENDING_KEY = "accounts_pending_sign_in"
PENDING_SECONDS = 5 * 60


class SignInView(auth_views.LoginView):
    template_name = "accounts/sign_in.html"
    form_class = SignInForm

    def get_default_redirect_url(self) -> str:
        return reverse("accounts:cases")

    def form_valid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        user = form.get_user()
        account = ClientAccount.objects.get(user=user)
        if totp_device_get(user=user) is not None:
            # The password was right; the session is not signed in until the code is.
            self.request.session[PENDING_KEY] = {
                "user": user.pk,
                "backend": user.backend,  # type: ignore[attr-defined]
                "until": int(clock.now().timestamp()) + PENDING_SECONDS,
                "next": self.get_success_url(),
            }
            return redirect("accounts:sign-in-code")
        login(self.request, user)
        client_session_start(self.request, account)
        return HttpResponseRedirect(self.get_success_url())

    def form_invalid(self, form: SignInForm) -> HttpResponse:  # type: ignore[override]
        if form.unverified_account is not None:
            # Throttled: a link went out recently enough; the message still stands.
            with contextlib.suppress(Throttled):
                account_verification_resend(
                    account=form.unverified_account, ip=client_ip(self.request)
                )
        return super().form_invalid(form)


def _pending(request: HttpRequest) -> tuple[User, dict[str, Any]] | None:
    pending = request.session.get(PENDING_KEY)
    if not pending or pending.get("until", 0) < clock.now().timestamp():
        return None
    user = User.objects.filter(pk=pending["user"], is_active=True).first()
    return (user, pending) if user is not None else None


@never_cache
@require_http_methods(["GET", "POST"])
def sign_in_code(request: HttpRequest) -> HttpResponse:
    """Second step: the code from the authenticator app."""
    found = _pending(request)
    if found is None:
        request.session.pop(PENDING_KEY, None)
        messages.info(request, _("Your sign-in took too long. Please start again."))
        return redirect("accounts:sign-in")
    user, pending = found
    device = totp_device_get(user=user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid() and device is not None:
        allowed, _details = device.verify_is_allowed()
        token = "".join(ch for ch in form.cleaned_data["token"] if ch.isdigit())
        if allowed and device.verify_token(token):
            request.session.pop(PENDING_KEY, None)
            login(request, user, backend=pending["backend"])
            otp_login(request, device)
            client_session_start(request, ClientAccount.objects.get(user=user))
            target = pending.get("next") or reverse("accounts:cases")
            if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
                target = reverse("accounts:cases")
            return redirect(target)
        if not allowed:
            form.add_error(
                "token", _("Too many wrong codes. Wait a few seconds, then enter the new code.")
            )
        else:
            form.add_error(
                "token", _("This code is not right. Enter the 6 digits the app shows now.")
            )
    return render(request, "accounts/sign_in_code.html", {"form": form})


@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    logout(request)
    messages.success(request, _("You are signed out."))
    return redirect("accounts:sign-in")


@require_POST
@client_required
def sign_out_everywhere(request: HttpRequest) -> HttpResponse:
    """End every session of the account, this one included."""
    account_sign_out_everywhere(account=request_account(request))
    logout(request)
    messages.success(
        request, _("You are signed out on every device. Sign in again to continue here.")
    )
    return redirect("accounts:sign-in")
