"""Sending one notification, as the send task does: claim it, call the provider, record it.

1. Claim (one short transaction, the notification row locked): skip it if it is finished, held
   by a live claim or not due yet; refuse it if the number opted out; defer it if the
   recipient's hourly cap or the provider's rate limit says wait; otherwise mark it `sending`
   with a claim that expires (NOTIFY_CLAIM_TIMEOUT_SECONDS) and move its guard past that time.
2. Call the provider, outside any transaction, with a timeout.
3. Record (one transaction): the attempt, with its outcome, HTTP status, error class and
   duration; then `sent` with the provider's id, or a retry with back-off (timeouts, connection
   errors, 429, 5xx), or `failed` (other 4xx, or too many attempts), which for a text message
   queues the e-mail fallback.

A worker killed during step 2 leaves the claim to expire; the guard then finds it, records the
interrupted attempt and sends again. A duplicate is therefore possible only when the kill falls
between the provider's answer and step 3.
"""

import datetime as dt
import logging
import time
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import IntegrityError, transaction

from guichet.core import clock
from guichet.notifications.models import (
    WORKER_DONE,
    AttemptOutcome,
    Notification,
    NotificationAttempt,
    NotificationStatus,
    SmsSuppression,
    SuppressionSource,
)
from guichet.notifications.providers import (
    SETTING_BY_CHANNEL,
    Attachment,
    OutboundMessage,
    ProviderError,
    TransientProviderError,
    provider_get,
    provider_name_for,
)
from guichet.notifications.services import scheduling
from guichet.notifications.services.throttling import (
    bucket_lock,
    bucket_save,
    rate_acquire,
    rate_take,
    recipient_free_at,
    retry_delay,
)

logger = logging.getLogger(__name__)

# The columns the worker changes (saving only these keeps each write small).
WORKER_FIELDS = [
    "status",
    "provider",
    "provider_id",
    "status_detail",
    "attempts",
    "updated_at",
    "next_attempt_at",
    "rate_slot_at",
    "claimed_at",
    "lease_until",
    "claim_token",
    "guard_task_id",
    "sent_at",
    "completed_at",
]


@dataclass(frozen=True)
class Claim:
    notification_id: int
    attempt: int
    token: str
    provider: str
    message: OutboundMessage
    guard_task_id: str = ""


def notification_deliver(*, notification_id: int, task_id: str) -> str:
    """Send the notification if it is due; return what happened in a word (the task result).

    Having claimed it, the task claims up to NOTIFY_CLAIM_BATCH more messages of the channel
    that are due now (_claim_more) and sends them too, each recorded as soon as the provider
    has answered: the window for a duplicate stays one message wide. Their own pending send
    tasks are withdrawn with the claim; their guards stay."""
    try:
        claim = _claim(notification_id=notification_id, task_id=task_id)
    except Exception:
        _guard_ensure(notification_id)
        raise
    if isinstance(claim, str):
        return claim
    outcome = _send(claim)
    try:
        more = _claim_more(claim)
    except Exception:  # the others stay queued for their own tasks
        logger.exception("notification %s: could not claim a batch", claim.notification_id)
        more = []
    for other in more:
        _send(other)
    return outcome


def _send(claim: Claim) -> str:
    started_at = clock.now()
    started = time.monotonic()
    result = _call_provider(claim)
    duration_ms = int((time.monotonic() - started) * 1000)
    return _record(claim, result, started_at=started_at, duration_ms=duration_ms)


def claim_batch_size() -> int:
    """How many more messages a claim may take (NOTIFY_CLAIM_BATCH, capped so that the batch
    ends before its claims expire even if every call runs to its timeout)."""
    wanted = max(0, int(getattr(settings, "NOTIFY_CLAIM_BATCH", 0)))
    timeout = max(0.001, float(settings.NOTIFY_HTTP_TIMEOUT_SECONDS))
    fits = int(float(settings.NOTIFY_CLAIM_TIMEOUT_SECONDS) // timeout) - 2
    return max(0, min(wanted, fits))


def _claim_more(first: Claim) -> list[Claim]:
    """Claim up to claim_batch_size() more messages of first's channel, due now and not held
    by any other worker (skip locked), in one transaction: one lock of the provider's rate
    row, the opt-outs read at once, the rate limit taken for all. A message the hourly cap or
    the rate limit would make wait is left alone: its own task defers it as usual."""
    size = claim_batch_size()
    if size == 0:
        return []
    channel = first.message.channel
    with transaction.atomic():
        now = clock.now()
        candidates = list(
            Notification.objects.select_for_update(skip_locked=True)
            .filter(
                status=NotificationStatus.QUEUED,
                channel=channel,
                next_attempt_at__isnull=True,
                rate_slot_at__isnull=True,
            )
            .exclude(pk=first.notification_id)
            .order_by("pk")[:size]
        )
        if not candidates:
            return []
        if channel == "sms":
            opted_out = set(
                SmsSuppression.objects.filter(
                    phone__in={n.recipient for n in candidates}, active=True
                ).values_list("phone", flat=True)
            )
            candidates = [n for n in candidates if n.recipient not in opted_out]
        bucket = bucket_lock(first.provider)
        taken = []
        # One text message per number in a batch: the hourly cap is counted from the claims
        # in the database, and this batch's are not there until it commits.
        numbers = {first.message.recipient}
        for notification in candidates:
            if channel == "sms":
                if notification.recipient in numbers:
                    continue
                numbers.add(notification.recipient)
            if recipient_free_at(notification=notification, now=now) is not None:
                continue
            if not rate_take(bucket=bucket, now=now):
                break  # over the limit: the rest wait for their own tasks
            notification.status = NotificationStatus.SENDING
            notification.attempts += 1
            notification.provider = first.provider
            notification.claimed_at = now
            notification.lease_until = now + scheduling.claim_timeout()
            notification.claim_token = first.token
            notification.updated_at = now
            taken.append(notification)
        if not taken:
            return []
        bucket_save(bucket)
        # Their own send tasks have nothing left to do: withdrawn, so that no worker spends a
        # task on each (their guards stay, watching the claims).
        scheduling.tasks_withdraw(
            notification_ids=[n.pk for n in taken], keep=[n.guard_task_id for n in taken]
        )
        Notification.objects.bulk_update(
            taken,
            ["status", "attempts", "provider", "claimed_at", "lease_until", "claim_token",
             "updated_at"],
        )  # fmt: skip
    return [
        Claim(
            notification_id=n.pk,
            attempt=n.attempts,
            token=first.token,
            provider=first.provider,
            guard_task_id=n.guard_task_id,
            message=_message(n),
        )
        for n in taken
    ]


def _message(notification: Notification) -> OutboundMessage:
    return OutboundMessage(
        channel=notification.channel,
        recipient=notification.recipient,
        language=notification.language,
        purpose=notification.purpose,
        subject=notification.subject,
        body=notification.body,
        context=dict(notification.context),
        reference=notification.reference,
        attachments=tuple(Attachment(**item) for item in notification.attachments),
    )


def _call_provider(claim: Claim) -> str | ProviderError:
    try:
        provider = provider_get(provider_name_for(claim.message.channel))
        if claim.message.channel == "sms":
            return provider.send_sms(claim.message)
        return provider.send_email(claim.message)
    except ProviderError as error:
        return error
    except ImproperlyConfigured as error:
        return TransientProviderError(claim.provider, str(error)[:300], error_class="configuration")
    except Exception as error:  # an unexpected library error: retried, like a timeout
        logger.error(
            "notification %s: %s raised %s",
            claim.notification_id,
            claim.provider,
            type(error).__name__,
        )
        return TransientProviderError(
            claim.provider,
            f"{claim.provider}: unexpected error ({type(error).__name__}).",
            error_class="unexpected",
        )


def _max_attempts() -> int:
    return max(1, int(settings.NOTIFY_MAX_ATTEMPTS))


def _release(notification: Notification) -> None:
    notification.lease_until = None
    notification.claim_token = ""


def _defer(notification: Notification, *, until: dt.datetime, detail: str) -> str:
    notification.status = NotificationStatus.QUEUED
    notification.next_attempt_at = until
    notification.status_detail = detail
    _release(notification)
    scheduling.send_schedule(notification, at=until)
    notification.updated_at = clock.now()
    notification.save(update_fields=WORKER_FIELDS)
    return "deferred"


def _fail(notification: Notification, *, now: dt.datetime, detail: str) -> str:
    from guichet.notifications.services import fallback_queue

    notification.status = NotificationStatus.FAILED
    notification.completed_at = now
    notification.status_detail = detail[:300]
    notification.next_attempt_at = None
    _release(notification)
    scheduling.guard_drop(notification)
    notification.updated_at = now
    notification.save(update_fields=WORKER_FIELDS)
    fallback_queue(notification=notification)
    logger.info("notification %s failed", notification.pk)
    return "failed"


def _claim(*, notification_id: int, task_id: str) -> Claim | str:
    with transaction.atomic():
        notification = Notification.objects.select_for_update().filter(pk=notification_id).first()
        if notification is None:
            return "missing"
        if notification.status in WORKER_DONE:
            return "done"
        now = clock.now()
        this_is_the_guard = notification.guard_task_id == task_id
        lease_until = notification.lease_until
        if notification.status == NotificationStatus.SENDING and lease_until and lease_until > now:
            if this_is_the_guard:  # run early (clocks): watch again when the claim expires
                scheduling.guard_move(notification, at=lease_until + scheduling.GUARD_MARGIN)
                notification.save(update_fields=["guard_task_id"])
            return "busy"
        due = notification.next_attempt_at
        if notification.status == NotificationStatus.QUEUED and due and due > now:
            if this_is_the_guard:
                scheduling.guard_move(
                    notification, at=due + scheduling.claim_timeout() + scheduling.GUARD_MARGIN
                )
                notification.save(update_fields=["guard_task_id"])
            return "early"
        if notification.status == NotificationStatus.SENDING:
            _interrupted(notification, now=now)
            if notification.attempts >= _max_attempts():
                return _fail(
                    notification, now=now, detail="Gave up: the worker stopped while sending."
                )

        if notification.channel == "sms" and (
            SmsSuppression.objects.filter(phone=notification.recipient, active=True).exists()
        ):
            notification.status = NotificationStatus.SUPPRESSED
            notification.status_detail = "Not sent: the number opted out of text messages."
            notification.completed_at = now
            _release(notification)
            scheduling.guard_drop(notification)
            notification.updated_at = now
            notification.save(update_fields=WORKER_FIELDS)
            return "suppressed"

        # The provider's row is locked from here to the commit: the cap and the rate limit
        # are checked and taken by one claim at a time.
        bucket_name = str(getattr(settings, SETTING_BY_CHANNEL[notification.channel]))
        bucket = bucket_lock(bucket_name)
        free_at = recipient_free_at(notification=notification, now=now)
        if free_at is not None:
            return _defer(
                notification,
                until=free_at,
                detail="Waiting: the hourly limit of text messages to one number is reached.",
            )
        slot = rate_acquire(bucket=bucket, notification=notification, now=now)
        if slot is not None:
            notification.rate_slot_at = slot
            return _defer(
                notification, until=slot, detail="Waiting for a slot in the provider's rate limit."
            )

        notification.status = NotificationStatus.SENDING
        notification.attempts += 1
        notification.provider = bucket_name
        notification.claimed_at = now
        notification.lease_until = now + scheduling.claim_timeout()
        notification.claim_token = task_id
        notification.next_attempt_at = None
        notification.rate_slot_at = None
        if this_is_the_guard:
            # Another guard must watch this claim. (Otherwise the pending guard stays: when it
            # runs, it finds the claim alive and moves itself to the claim's expiry.)
            scheduling.guard_move(
                notification, at=notification.lease_until + scheduling.GUARD_MARGIN
            )
        notification.updated_at = now
        notification.save(update_fields=WORKER_FIELDS)
        return Claim(
            notification_id=notification.pk,
            attempt=notification.attempts,
            token=task_id,
            provider=bucket_name,
            guard_task_id=notification.guard_task_id,
            message=_message(notification),
        )


def _interrupted(notification: Notification, *, now: dt.datetime) -> None:
    """Its claim expired: the worker that held it stopped. Say so, then take it up again."""
    NotificationAttempt.objects.create(
        notification=notification,
        number=notification.attempts,
        provider=notification.provider,
        started_at=notification.claimed_at or now,
        outcome=AttemptOutcome.INTERRUPTED,
        error_class="worker_lost",
        error_message="The worker stopped before recording the provider's answer.",
    )
    scheduling.task_abandon(notification.claim_token)
    logger.warning(
        "notification %s: its worker stopped while sending; taken up again", notification.pk
    )


def _mask(text: str, recipient: str) -> str:
    """Provider messages may quote the address or number: take it out."""
    for form in {recipient, recipient.lstrip("+")} - {""}:
        text = text.replace(form, "[recipient]")
    return text[:300]


def _record(
    claim: Claim, result: str | ProviderError, *, started_at: dt.datetime, duration_ms: int
) -> str:
    with transaction.atomic():
        if isinstance(result, str):
            # The usual case in three statements: our claim still holds, so mark it sent.
            provider_id = result
            try:
                with transaction.atomic():  # savepoint: an id given twice breaks a constraint
                    sent = _record_sent(claim, provider_id)
            except IntegrityError:
                sent = False
                result = TransientProviderError(
                    claim.provider,
                    f"{claim.provider} answered with an id it had given another message.",
                    error_class="invalid_response",
                )
            if sent:
                NotificationAttempt.objects.create(
                    notification_id=claim.notification_id,
                    number=claim.attempt,
                    provider=claim.provider,
                    started_at=started_at,
                    duration_ms=duration_ms,
                    outcome=AttemptOutcome.SENT,
                    provider_id=provider_id,
                )
                scheduling.task_cancel(claim.guard_task_id)
                logger.info(
                    "notification %s sent through %s", claim.notification_id, claim.provider
                )
                return "sent"
        # Otherwise: an error, or our claim was overtaken (it expired, or a callback came first).
        notification = Notification.objects.select_for_update().get(pk=claim.notification_id)
        now = clock.now()
        if isinstance(result, str) and (
            Notification.objects.filter(provider=claim.provider, provider_id=result)
            .exclude(pk=notification.pk)
            .exists()
        ):
            result = TransientProviderError(
                claim.provider,
                f"{claim.provider} answered with an id it had given another message.",
                error_class="invalid_response",
            )
        error = result if isinstance(result, ProviderError) else None
        if error is None:
            outcome = AttemptOutcome.SENT
        elif isinstance(error, TransientProviderError):
            outcome = AttemptOutcome.TRANSIENT_ERROR
        else:
            outcome = AttemptOutcome.PERMANENT_ERROR
        message = _mask(error.message, notification.recipient) if error else ""
        NotificationAttempt.objects.create(
            notification=notification,
            number=claim.attempt,
            provider=claim.provider,
            started_at=started_at,
            duration_ms=duration_ms,
            outcome=outcome,
            http_status=error.http_status if error else None,
            error_class=error.error_class if error else "",
            error_message=message,
            provider_id=result if isinstance(result, str) else "",
        )

        if isinstance(result, str):
            if notification.status in WORKER_DONE:
                return "already"  # another claim (or a callback) recorded it first
            notification.status = NotificationStatus.SENT
            notification.provider = claim.provider
            notification.provider_id = result
            notification.sent_at = now
            notification.status_detail = ""
            _release(notification)
            scheduling.guard_drop(notification)
            notification.updated_at = now
            notification.save(update_fields=WORKER_FIELDS)
            logger.info("notification %s sent through %s", notification.pk, claim.provider)
            return "sent"

        assert error is not None
        if notification.status != NotificationStatus.SENDING or (
            notification.claim_token != claim.token
        ):
            return "stale"  # the claim had expired and another task holds it now
        if error.recipient_opted_out and notification.channel == "sms":
            from guichet.notifications.services import suppression_add

            suppression_add(phone=notification.recipient, source=SuppressionSource.PROVIDER)
        logger.info(
            "notification %s: attempt %s through %s failed (%s)",
            notification.pk,
            claim.attempt,
            claim.provider,
            error.error_class,
        )
        if isinstance(error, TransientProviderError) and notification.attempts < _max_attempts():
            at = now + retry_delay(attempt=notification.attempts, retry_after=error.retry_after)
            return _defer(
                notification, until=at, detail=f"Attempt {claim.attempt} failed: {message}"[:300]
            )
        return _fail(notification, now=now, detail=message)


def _record_sent(claim: Claim, provider_id: str) -> bool:
    now = clock.now()
    return bool(
        Notification.objects.filter(
            pk=claim.notification_id, status=NotificationStatus.SENDING, claim_token=claim.token
        ).update(
            status=NotificationStatus.SENT,
            provider=claim.provider,
            provider_id=provider_id,
            sent_at=now,
            status_detail="",
            lease_until=None,
            claim_token="",
            guard_task_id="",
            updated_at=now,
        )
    )


def _guard_ensure(notification_id: int) -> None:
    """After an unexpected error in a claim: make sure a guard will look at it again."""
    try:
        with transaction.atomic():
            notification = (
                Notification.objects.select_for_update().filter(pk=notification_id).first()
            )
            if notification is None or notification.status in WORKER_DONE:
                return
            results = scheduling.database_tasks()
            guard = notification.guard_task_id
            if (
                guard
                and results is not None
                and results.objects.filter(pk=guard, status="READY").exists()
            ):
                return
            scheduling.guard_move(
                notification,
                at=clock.now() + scheduling.claim_timeout() + scheduling.GUARD_MARGIN,
            )
            notification.save(update_fields=["guard_task_id"])
    except Exception:  # the database itself is failing: notifications_recover will find it
        logger.exception("notification %s: could not reschedule its guard", notification_id)
