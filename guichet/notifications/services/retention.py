"""Retention of the outbox: blank what a message said once nobody needs it.

The row stays (purpose, channel, status, dates, attempts, provider ids): the audit and the
client's history need to know that a message went and what became of it, not its text. The
subject, body and rendering context (which hold links, names and numbers) are blanked:
- RETENTION_NOTIFICATION_BODY_DAYS after the worker was done with it (delivered, failed,
  suppressed, or sent with no delivery report);
- for messages carrying a sign-in link (RETENTION_LINK_PURPOSES), as soon as the link expired.
The recipient (a phone number or an e-mail address) is cut to its masked form (`…0123`,
`m…@example.ca`, what staff already see) RETENTION_NOTIFICATION_RECIPIENT_DAYS after the
worker was done with it: enough to answer "which number did you text?", not to reach anyone.
A message still queued or being sent is never touched. Idempotent: purged rows are marked
(`purged_at`; a masked recipient holds "…", which no address or E.164 number does).
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q, QuerySet

from guichet.core.retention import batched_ids
from guichet.notifications.models import WORKER_DONE, Notification
from guichet.notifications.selectors import MASK, recipient_mask


def _blank(queryset: "QuerySet[Notification]", *, now: dt.datetime) -> int:
    total = 0
    for ids in batched_ids(queryset):
        with transaction.atomic():
            total += Notification.objects.filter(pk__in=ids, purged_at__isnull=True).update(
                subject="", body="", context={}, attachments=[], purged_at=now
            )
    return total


def _aged(cutoff: dt.datetime) -> Q:
    return Q(completed_at__lt=cutoff) | Q(completed_at__isnull=True, updated_at__lt=cutoff)


def _recipients_mask(queryset: "QuerySet[Notification]") -> int:
    total = 0
    for ids in batched_ids(queryset):
        with transaction.atomic():
            rows = list(
                Notification.objects.select_for_update()
                .filter(pk__in=ids)
                .exclude(recipient__contains=MASK)
                .only("pk", "recipient")
            )
            for row in rows:
                row.recipient = recipient_mask(row.recipient)
            total += Notification.objects.bulk_update(rows, ["recipient"])
    return total


def notifications_purge(*, now: dt.datetime) -> dict[str, int]:
    """Blank the texts and mask the recipients past their retention; returns the counts."""
    done = Notification.objects.filter(purged_at__isnull=True, status__in=WORKER_DONE)
    links = Q()
    for purpose, seconds in settings.RETENTION_LINK_PURPOSES.items():
        links |= Q(purpose=purpose, created_at__lt=now - dt.timedelta(seconds=seconds))
    cutoff = now - dt.timedelta(days=settings.RETENTION_NOTIFICATION_BODY_DAYS)
    link_count = _blank(done.filter(links), now=now) if links else 0
    body_count = _blank(done.filter(_aged(cutoff)), now=now)
    recipient_cutoff = now - dt.timedelta(days=settings.RETENTION_NOTIFICATION_RECIPIENT_DAYS)
    unmasked = Notification.objects.filter(status__in=WORKER_DONE).exclude(recipient__contains=MASK)
    recipient_count = _recipients_mask(unmasked.filter(_aged(recipient_cutoff)))
    return {
        "notification_links": link_count,
        "notification_bodies": body_count,
        "notification_recipients": recipient_count,
    }
