"""Authentication backend that applies django-axes' lock-out."""

from typing import Any

from axes.backends import AxesStandaloneBackend
from django.http import HttpRequest


class LockoutBackend(AxesStandaloneBackend):
    """django-axes' check, skipped when there is no request to lock out.

    A call without a request (a management command, Django's test client `login()`) has no
    address to lock; refusing it, as AxesBackend does, would only break those callers. Every
    sign-in form passes its request, so every password guess from the web is counted.
    """

    def authenticate(  # type: ignore[override]
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> None:
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)
