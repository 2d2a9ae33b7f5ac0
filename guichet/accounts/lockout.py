"""How django-axes names a sign-in attempt and what it answers once a pair is locked out."""

import math
from typing import Any

from axes.helpers import get_cool_off
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render


def lockout_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str:
    """The username as it is stored: addresses are compared lower-cased."""
    value = (credentials or {}).get("username") or request.POST.get("username") or ""
    return str(value).strip().lower()


def lockout_client_str(*args: Any, **kwargs: Any) -> str:
    """What axes writes in its log lines about the client: nothing personal."""
    return "a client"


def lockout_response(
    request: HttpRequest,
    original_response: HttpResponse | None = None,
    credentials: dict[str, Any] | None = None,
) -> HttpResponse:
    """429 with Retry-After and a page that says how long to wait (staff and clients alike)."""
    cool_off = get_cool_off(request)
    seconds = int(cool_off.total_seconds()) if cool_off else 15 * 60
    response = render(
        request,
        "accounts/locked_out.html",
        {"minutes": max(1, math.ceil(seconds / 60))},
        status=429,
    )
    response["Retry-After"] = str(seconds)
    return response
