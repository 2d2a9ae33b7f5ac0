"""Retention of the outbox: blank what a message said once nobody needs it.

The row stays (purpose, channel, status, dates, attempts, provider ids): the audit and the
client's history need to know that a message went and what became of it, not its text. The
subject, body and rendering context (which hold links, names and numbers) are blanked:
- RETENTION_NOTIFICATION_BODY_DAYS after the worker was done with it (delivered, failed,
  suppressed, or sent with no delivery report);
- for messages carrying a sign-in link (RETENTION_LINK_PURPOSES), as soon as the link expired.
A message still queued or being sent is never touched. Idempotent: purged rows are marked.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet

from guichet.core.retention import batched_ids
from guichet.notifications.models import WORKER_DONE, Notification


def _blank(queryset: "QuerySet[Notification]", *, now: dt.datetime) -> int:
    total = 0
    for ids in batched_ids(queryset):
        with transaction.atomic():
            total += Notification.objects.filter(pk__in=ids, purged_at__isnull=True).update(
                subject="", body="", context={}, purged_at=now
            )
    return total


def notifications_purge(*, now: dt.datetime) -> dict[str, int]:
    """Blank the texts that are past their retention; returns how many were blanked."""
    done = Notification.objects.filter(purged_at__isnull=True, status__in=WORKER_DONE)
    links = Q()
    for purpose, seconds in settings.RETENTION_LINK_PURPOSES.items():
        links |= Q(purpose=purpose, created_at__lt=now - dt.timedelta(seconds=seconds))
    cutoff = now - dt.timedelta(days=settings.RETENTION_NOTIFICATION_BODY_DAYS)
    aged = Q(completed_at__lt=cutoff) | Q(completed_at__isnull=True, updated_at__lt=cutoff)
    link_count = _blank(done.filter(links), now=now) if links else 0
    body_count = _blank(done.filter(aged), now=now)
    return {"notification_links": link_count, "notification_bodies": body_count}
