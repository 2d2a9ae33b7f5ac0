"""Who may open a representative page, checked on every request (nothing is remembered in
the session but Django's sign-in and django-otp's verification):

- signed in with a representative account (a client or staff account gets 403);
- past the authenticator code (none set up yet: sent to set it up);
- verified by staff and not past the yearly re-check (else a 403 page that says why).

Which case they may open is decided afterwards, per case, by `selectors.consent_for_case`.
"""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.cache import never_cache

from guichet.accounts.services import totp_device_get
from guichet.core import clock
from guichet.representatives.models import Representative
from guichet.representatives.selectors import representative_get

View = Callable[..., HttpResponse]


def request_representative(request: HttpRequest) -> Representative:
    rep: Representative = request.representative  # type: ignore[attr-defined]
    return rep


def _signed_in(request: HttpRequest) -> Representative | HttpResponse:
    if not request.user.is_authenticated:
        return redirect_to_login(request.get_full_path(), reverse("representatives:sign-in"))
    rep = representative_get(user_id=request.user.pk)
    if rep is None or not request.user.is_active:
        raise PermissionDenied
    return rep


def representative_signed_in(view: View) -> View:
    """Signed in with a password, the code step not needed (the two-step pages)."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        found = _signed_in(request)
        if isinstance(found, HttpResponse):
            return found
        request.representative = found  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return never_cache(guarded)


def representative_required(view: View) -> View:
    """Every workspace page: signed in, two-step verified, in good standing."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        found = _signed_in(request)
        if isinstance(found, HttpResponse):
            return found
        if not request.user.is_verified():  # type: ignore[union-attr]
            if totp_device_get(user=found.user) is None:
                return redirect("representatives:two-step-setup")
            return redirect("representatives:two-step")
        if not found.in_good_standing(clock.today()):
            return render(
                request,
                "representatives/not_verified.html",
                {"representative": found},
                status=403,
            )
        request.representative = found  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return never_cache(guarded)
