"""Limits on sending, shared by every worker through the database: SQLite and PostgreSQL alike.

- A rate limit per provider (NOTIFY_RATE_LIMIT_PER_MINUTE, below what the provider allows):
  the generic cell rate algorithm on one row per provider, locked while a claim is made. A
  notification over the limit is given the next free slot and deferred to it, never dropped.
- A cap per phone number (NOTIFY_SMS_PER_RECIPIENT_PER_HOUR): counted from the notifications
  claimed for that number in the last hour, under the same lock, so two workers cannot both
  take the last place.
- Back-off for retries: exponential with jitter (tenacity's wait_exponential_jitter).

The lock on the provider's row serialises claims to one provider (a few milliseconds each); on
SQLite the write lock taken when the transaction starts (IMMEDIATE) does the same.
"""

import datetime as dt

import tenacity
from django.conf import settings

from guichet.notifications.models import Notification, RateBucket

HOUR = dt.timedelta(hours=1)
# A reserved slot is honoured this late (plus the burst tolerance); later, a new one is taken,
# so that a stalled worker cannot release a backlog of old slots all at once.
SLOT_GRACE = dt.timedelta(seconds=2)


def bucket_lock(name: str) -> RateBucket:
    """Lock the provider's rate row for the rest of the transaction (create it if new)."""
    bucket = RateBucket.objects.select_for_update().filter(name=name).first()
    if bucket is None:
        RateBucket.objects.get_or_create(name=name)
        bucket = RateBucket.objects.select_for_update().get(name=name)
    return bucket


def rate_acquire(
    *, bucket: RateBucket, notification: Notification, now: dt.datetime
) -> dt.datetime | None:
    """Take a slot: None when the notification may go now, else the time of its reserved slot.

    Call with the bucket locked (bucket_lock) inside the claim's transaction.
    """
    limit = int(settings.NOTIFY_RATE_LIMIT_PER_MINUTE)
    if limit <= 0:
        return None
    interval = dt.timedelta(seconds=60 / limit)
    burst = int(settings.NOTIFY_RATE_LIMIT_BURST) or max(1, limit // 60)
    tolerance = interval * (burst - 1)
    slot = notification.rate_slot_at
    if slot is not None and slot <= now <= slot + SLOT_GRACE + tolerance:
        return None  # the slot it was given when it had to wait
    arrival = max(bucket.theoretical_arrival or now, now)
    allowed_at = arrival - tolerance
    bucket.theoretical_arrival = arrival + interval
    bucket.save(update_fields=["theoretical_arrival"])
    return None if allowed_at <= now else allowed_at


def rate_take(*, bucket: RateBucket, now: dt.datetime) -> bool:
    """Take a slot for a message of a batch if one is free now (True), else take nothing
    (False). The bucket is changed in memory: bucket_save once the batch is claimed."""
    limit = int(settings.NOTIFY_RATE_LIMIT_PER_MINUTE)
    if limit <= 0:
        return True
    interval = dt.timedelta(seconds=60 / limit)
    burst = int(settings.NOTIFY_RATE_LIMIT_BURST) or max(1, limit // 60)
    arrival = max(bucket.theoretical_arrival or now, now)
    if arrival - interval * (burst - 1) > now:
        return False
    bucket.theoretical_arrival = arrival + interval
    return True


def bucket_save(bucket: RateBucket) -> None:
    bucket.save(update_fields=["theoretical_arrival"])


def recipient_free_at(*, notification: Notification, now: dt.datetime) -> dt.datetime | None:
    """None if this text message may go under the hourly cap, else when a place frees up."""
    cap = int(settings.NOTIFY_SMS_PER_RECIPIENT_PER_HOUR)
    if notification.channel != "sms" or cap <= 0:
        return None
    newest_first = list(
        Notification.objects.filter(
            channel="sms", recipient=notification.recipient, claimed_at__gt=now - HOUR
        )
        .exclude(pk=notification.pk)
        .order_by("-claimed_at")
        .values_list("claimed_at", flat=True)[:cap]
    )
    if len(newest_first) < cap or newest_first[-1] is None:
        return None
    # A place frees up when the oldest of the last `cap` leaves the hour.
    return newest_first[-1] + HOUR


def retry_delay(*, attempt: int, retry_after: float | None = None) -> dt.timedelta:
    """How long to wait before attempt `attempt + 1`: exponential back-off with jitter."""
    wait = tenacity.wait_exponential_jitter(
        multiplier=float(settings.NOTIFY_RETRY_BASE_SECONDS),
        max=float(settings.NOTIFY_RETRY_MAX_SECONDS),
        jitter=float(settings.NOTIFY_RETRY_BASE_SECONDS),
    )
    state = tenacity.RetryCallState(tenacity.Retrying(), None, (), {})
    state.attempt_number = max(1, attempt)
    seconds = wait(state)
    if retry_after is not None:
        seconds = max(seconds, min(retry_after, float(settings.NOTIFY_RETRY_MAX_SECONDS)))
    return dt.timedelta(seconds=seconds)
