"""Two-step verification for staff: required for every role (see backoffice.middleware).

After the password, a staff member enters the code of their authenticator app; one who has
none yet sets it up first (scan, then confirm a code). Either way the session is then
OTP-verified (django_otp.login) and the user goes where they were going, or to their tool.
"""

import base64

import segno
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_http_methods
from django_otp import login as otp_login

from guichet.accounts.forms import CodeForm
from guichet.accounts.services import totp_device_get, totp_device_start
from guichet.backoffice.access import staff_user
from guichet.backoffice.services import staff_totp_confirm
from guichet.backoffice.tools import landing_url
from guichet.core.errors import GuichetError


def _onward(request: HttpRequest) -> HttpResponse:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if not target or not url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        target = landing_url(request.user)
    return redirect(target)


def _signed_in(view):  # type: ignore[no-untyped-def]
    def wrapped(request: HttpRequest) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect("backoffice:login")
        return view(request)  # type: ignore[no-any-return]

    return wrapped


@never_cache
@require_http_methods(["GET", "POST"])
@_signed_in
def two_step(request: HttpRequest) -> HttpResponse:
    """Enter the authenticator's code."""
    user = staff_user(request)
    if request.user.is_verified():  # type: ignore[union-attr]
        return _onward(request)
    device = totp_device_get(user=user)
    if device is None:
        return redirect("backoffice:two-step-setup")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        allowed, _details = device.verify_is_allowed()
        token = "".join(ch for ch in form.cleaned_data["token"] if ch.isdigit())
        if allowed and device.verify_token(token):
            otp_login(request, device)
            return _onward(request)
        form.add_error(
            "token",
            _("Too many wrong codes. Wait a few seconds, then enter the new code.")
            if not allowed
            else _("This code is not right. Enter the 6 digits the app shows now."),
        )
    return render(
        request,
        "backoffice/two_step.html",
        {"form": form, "next": request.POST.get("next") or request.GET.get("next", "")},
    )


@never_cache
@require_http_methods(["GET", "POST"])
@_signed_in
def two_step_setup(request: HttpRequest) -> HttpResponse:
    """Set up the authenticator: every staff role must have one before using any tool."""
    user = staff_user(request)
    if totp_device_get(user=user) is not None:
        return redirect("backoffice:two-step")
    form = CodeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            device = staff_totp_confirm(user=user, token=form.cleaned_data["token"])
        except GuichetError as error:
            form.add_error("token", error.text("fr" if request.LANGUAGE_CODE == "fr" else "en"))
        else:
            otp_login(request, device)
            return _onward(request)
    setup = totp_device_start(user=user)
    key = base64.b32encode(setup.bin_key).decode().rstrip("=")
    return render(
        request,
        "backoffice/two_step_setup.html",
        {
            "form": form,
            "next": request.POST.get("next") or request.GET.get("next", ""),
            "qr_svg": segno.make(setup.config_url, error="m").svg_inline(
                scale=5, border=2, omitsize=False
            ),
            "secret": " ".join(key[i : i + 4] for i in range(0, len(key), 4)),
        },
    )
