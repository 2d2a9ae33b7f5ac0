"""Staff API tokens: issuing, revoking and checking them (`Authorization: Bearer …`).

`StaffTokenAuth(group=...)` is the django-ninja auth for endpoints used by staff machines: an
unknown or revoked token, or a deactivated account, answers 401; a valid token of someone who
is not in the endpoint's role answers 403. Both messages are in English and French.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.db.models import Exists, OuterRef
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja.errors import AuthenticationError, AuthorizationError
from ninja.security import HttpBearer

from guichet.core import clock
from guichet.core.audit import audit_record
from guichet.core.errors import GuichetError
from guichet.core.models import ApiToken

TOKEN_PREFIX = "gch_"  # noqa: S105 - a marker, not a secret
SHOWN_PREFIX_LENGTH = 12
# Recording every use would turn each read into a write; once a minute is enough to audit.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()


@transaction.atomic
def api_token_create(
    *,
    user: User,
    name: str,
    created_by: AbstractBaseUser | AnonymousUser | None = None,
) -> tuple[ApiToken, str]:
    """Issue a token for `user`; return it with the secret, which is never stored or shown again."""
    raw = TOKEN_PREFIX + secrets.token_urlsafe(32)
    creator = created_by if isinstance(created_by, User) and created_by.is_authenticated else None
    token = ApiToken(
        user=user,
        name=name.strip()[:100] or "API",
        prefix=raw[:SHOWN_PREFIX_LENGTH],
        digest=token_digest(raw),
        created_by=creator,
    )
    token.full_clean()
    token.save()
    audit_record(
        actor=created_by,
        action="create",
        target_type="api_token",
        target_id=token.pk,
        detail="API token issued",
    )
    return token, raw


@transaction.atomic
def api_token_revoke(
    *, token: ApiToken, actor: AbstractBaseUser | AnonymousUser | None = None
) -> ApiToken:
    """Revoke a token at once; revoking it again changes nothing."""
    if token.revoked_at is None:
        token.revoked_at = clock.now()
        token.save(update_fields=["revoked_at"])
        audit_record(
            actor=actor,
            action="change",
            target_type="api_token",
            target_id=token.pk,
            detail="API token revoked",
        )
    return token


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
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
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
