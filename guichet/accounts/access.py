"""Who may open a client page: someone signed in with a client account whose address is
confirmed. Pages with a client's case are never cached by a browser or a proxy."""

from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.views.decorators.cache import never_cache

from guichet.accounts.models import ClientAccount
from guichet.accounts.services import account_get

View = Callable[..., HttpResponse]


def request_account(request: HttpRequest) -> ClientAccount:
    account: ClientAccount = request.client_account  # type: ignore[attr-defined]
    return account


def client_required(view: View) -> View:
    """Anonymous visitors go to the client sign-in; staff accounts get 403."""

    @wraps(view)
    def guarded(request: HttpRequest, *args: Any, **kwargs: Any) -> HttpResponse:
        if not request.user.is_authenticated:
            return redirect_to_login(request.get_full_path(), reverse("accounts:sign-in"))
        account = account_get(user=request.user)  # type: ignore[arg-type]
        if account is None or not account.email_verified:
            raise PermissionDenied
        request.client_account = account  # type: ignore[attr-defined]
        return view(request, *args, **kwargs)

    return never_cache(guarded)
