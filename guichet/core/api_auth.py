"""Staff API tokens: checking them (`Authorization: Bearer …`). Issuing and revoking them are
writes, in `guichet.core.services`.

`StaffTokenAuth(group=...)` is the django-ninja auth for endpoints used by staff machines: an
unknown or revoked token, or a deactivated account, answers 401; a valid token of someone who
is not in the endpoint's role answers 403. Both messages are in English and French.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.models import User
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import HttpBearer

from guichet.core import clock
from guichet.core.api_tokens import LAST_USED_RESOLUTION, TOKEN_PREFIX, token_digest
from guichet.core.errors import GuichetError
from guichet.core.models import ApiToken
from guichet.core.services import api_token_mark_used


def api_token_authenticate(raw: str, *, group: str = "") -> ApiToken | None:
    """The active token with this secret, whose staff member is active; None otherwise.

    With `group`, the token's `in_group` says whether its staff member has that role (read in
    the same query: this runs on every API request).
    """
    if not raw.startswith(TOKEN_PREFIX) or len(raw) > 200:
        return None
    tokens = ApiToken.objects.select_related("user").filter(
        digest=token_digest(raw), revoked_at__isnull=True
    )
    if group:
        membership = User.groups.through.objects.filter(
            user_id=OuterRef("user_id"), group__name=group
        )
        tokens = tokens.annotate(in_group=Exists(membership))
    token = tokens.first()
    if token is None or not token.user.is_active:
        return None
    now = clock.now()
    if token.last_used_at is None or token.last_used_at < now - LAST_USED_RESOLUTION:
        api_token_mark_used(token=token, now=now)
    return token


class StaffTokenAuth(HttpBearer):
    """Bearer token of a staff member who belongs to `group` (a role of core.roles)."""

    def __init__(self, *, group: str) -> None:
        super().__init__()
        self.group = group

    def authenticate(self, request: HttpRequest, token: str) -> Any:
        api_token = api_token_authenticate(token.strip(), group=self.group)
        if api_token is None:
            error = GuichetError(_("The API token is missing, unknown or revoked."))
            raise AuthenticationError(401, f"{error.text('en')} / {error.text('fr')}")
        user = api_token.user
        if not getattr(api_token, "in_group", False):
            error = GuichetError(_("This API token's account may not use this service."))
            raise AuthorizationError(403, f"{error.text('en')} / {error.text('fr')}")
        request.user = user
        return user
