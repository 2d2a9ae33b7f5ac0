"""Staff sessions: two-step verification before any staff tool, and an idle timeout.

A staff user (one who holds a role, or may open the Django admin) who has signed in with a
password but not yet with a code is sent to enter their authenticator code, or, with no
authenticator confirmed yet, to set one up; until then every page but those two and
sign-out is refused to them, the Django admin included. A staff session left idle longer than
`STAFF_IDLE_TIMEOUT` seconds is signed out. Client accounts are left to
guichet.accounts.middleware.ClientSessionMiddleware.

Placed after django_otp's OTPMiddleware (it reads `user.is_verified()`) and Django's
MessageMiddleware (it says why the user was signed out).
"""

from collections.abc import Callable
from urllib.parse import urlencode

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import Resolver404, resolve, reverse
from django.utils.translation import gettext as _

from guichet.core import clock

STAFF_KEY = "backoffice_staff"  # whether the signed-in user is staff, decided once a session
SEEN_KEY = "backoffice_seen"  # when the staff session last made a request (Unix seconds)
SEEN_RESOLUTION = 60  # the last-seen time is saved at most once a minute
# Pages an unverified staff user may still open: those that verify them, and sign-out.
OPEN_TO_UNVERIFIED = frozenset(
    {"backoffice:two-step", "backoffice:two-step-setup", "backoffice:logout", "backoffice:login"}
)
# Outside the language prefix, and not session pages: the API (token auth), health, i18n.
SKIPPED_PREFIXES = ("/api/", "/healthz", "/i18n/", "/ivr/", "/static/")


def is_staff_user(user: object) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    return bool(getattr(user, "is_staff", False)) or user.groups.exists()  # type: ignore[attr-defined]


def needs_verification(request: HttpRequest) -> bool:
    """True when the signed-in user is staff and their session has not passed the code step."""
    user = request.user
    if not user.is_authenticated:
        return False
    staff = request.session.get(STAFF_KEY)
    if staff is None:
        staff = is_staff_user(user)
        request.session[STAFF_KEY] = staff
    return bool(staff) and not user.is_verified()  # type: ignore[union-attr,attr-defined]


class StaffSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if request.path_info.startswith(SKIPPED_PREFIXES) or not request.user.is_authenticated:
            return self.get_response(request)
        staff = request.session.get(STAFF_KEY)
        if staff is None:
            staff = is_staff_user(request.user)
            request.session[STAFF_KEY] = staff
        if not staff:
            return self.get_response(request)
        now = int(clock.now().timestamp())
        seen = request.session.get(SEEN_KEY)
        if seen is not None and now - int(seen) > settings.STAFF_IDLE_TIMEOUT:
            logout(request)
            messages.info(
                request, _("You were signed out after a period without activity. Sign in again.")
            )
            return redirect(_with_next(reverse("backoffice:login"), request))
        if seen is None or now - int(seen) >= SEEN_RESOLUTION:
            request.session[SEEN_KEY] = now
        verified = request.user.is_verified()  # type: ignore[union-attr,attr-defined]
        if not verified and _view_name(request) not in OPEN_TO_UNVERIFIED:
            return redirect(_with_next(_verification_url(request), request))
        return self.get_response(request)


def _view_name(request: HttpRequest) -> str:
    try:
        return resolve(request.path_info).view_name
    except Resolver404:
        return ""


def _verification_url(request: HttpRequest) -> str:
    from guichet.accounts.services import totp_device_get

    user = request.user
    has_device = totp_device_get(user=user) is not None  # type: ignore[arg-type]
    return reverse("backoffice:two-step" if has_device else "backoffice:two-step-setup")


def _with_next(url: str, request: HttpRequest) -> str:
    if request.method != "GET":
        return url
    return f"{url}?{urlencode({'next': request.get_full_path()})}"
