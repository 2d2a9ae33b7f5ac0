"""The account page: contact details, two-step verification, signing out everywhere."""

import base64

import segno
from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from guichet.accounts.access import client_required, request_account
from guichet.accounts.forms import CodeForm, ProfileForm, error_attach
from guichet.accounts.middleware import client_session_start
from guichet.accounts.services import (
    account_update,
    totp_device_confirm,
    totp_device_get,
    totp_device_remove,
    totp_device_start,
)
from guichet.core.errors import GuichetError
from guichet.notifications.selectors import sms_stopped_since


@client_required
@require_http_methods(["GET", "POST"])
def profile(request: HttpRequest) -> HttpResponse:
    account = request_account(request)
    form = ProfileForm(
        request.POST or None, initial={"phone": account.phone, "language": account.language}
    )
    if request.method == "POST" and form.is_valid():
        try:
            account_update(
                account=account,
                phone=form.cleaned_data["phone"],
                language=form.cleaned_data["language"],
            )
        except GuichetError as error:
            error_attach(form, error)
        else:
            messages.success(request, _("Your details are saved."))
            return redirect("accounts:profile")
    return render(
        request,
        "accounts/profile.html",
        {
            "account": account,
            "form": form,
            "two_factor": totp_device_get(user=account.user) is not None,
            # Texts to this number are stopped (STOP/ARRÊT): say so, and how to restart them.
            "sms_stopped_since": sms_stopped_since(account.phone),
        },
    )


@client_required
@require_http_methods(["GET", "POST"])
def two_factor(request: HttpRequest) -> HttpResponse:
    """Turn two-step verification on (scan, then confirm a code) or off (with a code)."""
    account = request_account(request)
    device = totp_device_get(user=account.user)
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            if device is None:
                confirmed = totp_device_confirm(account=account, token=form.cleaned_data["token"])
                # The other sessions were signed out; this one carries on, verified.
                account.refresh_from_db(fields=["session_epoch"])
                client_session_start(request, account)
                otp_login(request, confirmed)
                messages.success(request, _("Two-step verification is on."))
            else:
                totp_device_remove(account=account, token=form.cleaned_data["token"])
                messages.success(request, _("Two-step verification is off."))
        except GuichetError as error:
            error_attach(form, error)
        else:
            return redirect("accounts:profile")
    context: dict[str, object] = {
        "account": account,
        "form": form,
        "enabled": device is not None,
    }
    if device is None:
        setup = totp_device_start(user=account.user)
        qr = segno.make(setup.config_url, error="m")
        context["qr_svg"] = qr.svg_inline(scale=5, border=2, omitsize=False)
        key = base64.b32encode(setup.bin_key).decode().rstrip("=")
        context["secret"] = " ".join(key[i : i + 4] for i in range(0, len(key), 4))
    return render(request, "accounts/two_factor.html", context)
