"""Writes of the shared kernel: staff API tokens (issue, revoke, record a use), and the
retention purge of expired sessions."""

from __future__ import annotations

import datetime as dt
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.contrib.sessions.models import Session
from django.db import transaction

from guichet.core import clock
from guichet.core.api_tokens import SHOWN_PREFIX_LENGTH, TOKEN_PREFIX, token_digest
from guichet.core.audit import audit_record
from guichet.core.models import ApiToken
from guichet.core.retention import batched_ids


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


def api_token_mark_used(*, token: ApiToken, now: dt.datetime) -> None:
    """Record when a token was last used (one UPDATE; the caller limits how often)."""
    ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
    token.last_used_at = now


def sessions_purge(*, now: dt.datetime) -> dict[str, int]:
    """Delete the sessions that have expired: a session holds what a visitor typed into a form
    and has not submitted (a PR-card application's names, date of birth and address), and
    Django never removes an expired one by itself. Batched; with a session engine that does
    not keep them in the database there is nothing to delete."""
    if settings.SESSION_ENGINE not in {
        "django.contrib.sessions.backends.db",
        "django.contrib.sessions.backends.cached_db",
    }:
        return {"expired_sessions": 0}
    total = 0
    for keys in batched_ids(Session.objects.filter(expire_date__lt=now)):
        with transaction.atomic():
            total += Session.objects.filter(pk__in=keys, expire_date__lt=now).delete()[0]
    return {"expired_sessions": total}
