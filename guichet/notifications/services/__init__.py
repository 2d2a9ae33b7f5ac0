"""Writes of the notifications module: queue a message (the outbox), opt-outs, delivery reports.

The contract other modules rely on::

    notification_queue(*, purpose: str, channel: str, recipient: str, language: str,
                       context: dict[str, str], idempotency_key: str,
                       case_id: int | None = None, client_id: int | None = None,
                       attachments: Sequence[Attachment] = ())
        -> Notification | None

- Call it inside your own transaction, with the change that causes the message. It writes the
  Notification row and enqueues its send task in that same transaction (the task backend is
  the database): if your transaction rolls back, there is no notification and no task; if it
  commits, the worker (`manage.py db_worker`) will send it, even across crashes.
- It renders the template at once: an unknown purpose, channel or language, a missing, empty
  or unknown placeholder, an invalid phone number (E.164 is stored) or e-mail address, or an
  empty idempotency key raises GuichetError (InvalidInput) naming the field, and nothing is
  written.
- `idempotency_key` makes it idempotent: if a notification with that key exists, nothing new
  is written and it returns None. Build it from what identifies the cause, never the person
  (e.g. f"paper-receipt:{barcode}:sms").
- `channel` is "sms" or "email"; `language` "en" or "fr"; `context` the template's
  placeholders as strings (receipt_confirmation: application_number, service_name).
- `attachments` (e-mail only): small text files sent with the message, such as a calendar
  invitation; at most 5, 256 KB in all, each named with letters, digits, dots, hyphens and
  underscores. The file provider writes each beside the message; SMTP attaches them; GC Notify
  sends the body alone (the body must stand on its own).
- A text message to a number that opted out (STOP) is not sent: the row is written with status
  `suppressed`, so that staff see why, and returned.
- Statuses: queued → sending → sent → delivered, or failed; or suppressed. A text message that
  fails for good is followed by the same message by e-mail when the client has an address and
  no e-mail of that purpose was queued for the case (a new row, `fallback_of` the first).
"""

import hashlib
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from guichet.clients.models import Client
from guichet.clients.validators import email_check, phone_normalise
from guichet.core import clock
from guichet.core.errors import InvalidInput
from guichet.notifications.message_templates import template_render
from guichet.notifications.models import (
    Notification,
    NotificationStatus,
    SmsSuppression,
    SuppressionSource,
)
from guichet.notifications.providers.base import Attachment
from guichet.notifications.services import scheduling

logger = logging.getLogger(__name__)

# Replies that opt a number out of text messages (compared trimmed and without case).
STOP_WORDS = frozenset(
    {"stop", "arret", "arrêt", "end", "quit", "unsubscribe", "cancel", "optout", "td"}
)
START_WORDS = frozenset({"start"})
SUPPRESSED_DETAIL = "Not sent: the number opted out of text messages."


def notification_queue(
    *,
    purpose: str,
    channel: str,
    recipient: str,
    language: str,
    context: dict[str, str],
    idempotency_key: str,
    case_id: int | None = None,
    client_id: int | None = None,
    attachments: Sequence[Attachment] = (),
) -> Notification | None:
    """Write a notification and its send task in the caller's transaction (the outbox).

    Returns the new notification, or None when `idempotency_key` was used before.
    """
    _attachments_check(channel, attachments)
    return _notification_create(
        purpose=purpose,
        channel=channel,
        recipient=recipient,
        language=language,
        context=context,
        idempotency_key=idempotency_key,
        case_id=case_id,
        client_id=client_id,
        fallback_of=None,
        attachments=[a.as_dict() for a in attachments],
    )


@dataclass(frozen=True)
class OutboxMessage:
    """One message for notifications_queue_new: notification_queue's arguments."""

    purpose: str
    channel: str
    recipient: str
    language: str
    context: dict[str, str]
    idempotency_key: str
    case_id: int | None = None
    client_id: int | None = None


def notifications_queue_new(*, messages: Sequence[OutboxMessage]) -> list[Notification]:
    """Queue messages whose idempotency keys are new by construction (built from a row the
    caller inserted in this same transaction, e.g. f"paper-receipt:{receipt.pk}:sms"), in the
    caller's transaction, in three statements whatever their number: the opt-outs of their
    numbers read at once, one INSERT of the notifications (each naming its guard task), one
    INSERT of their send and guard tasks.

    The same checks as notification_queue, all before the first write. Unlike it, a key used
    before is not answered with None: with no savepoint, the INSERT fails and the caller's
    transaction with it (IntegrityError), which is what the caller wants when the key could
    not have existed. Falls back to notification_queue, one by one, when the task backend is
    not the database."""
    if scheduling.database_tasks() is None:
        queued = [
            notification_queue(
                purpose=m.purpose,
                channel=m.channel,
                recipient=m.recipient,
                language=m.language,
                context=m.context,
                idempotency_key=m.idempotency_key,
                case_id=m.case_id,
                client_id=m.client_id,
            )
            for m in messages
        ]
        return [n for n in queued if n is not None]
    checked = []
    for m in messages:
        rendered = template_render(
            purpose=m.purpose, channel=m.channel, language=m.language, context=m.context
        )
        address = _recipient_check(m.channel, m.recipient)
        key = _key_check(m.idempotency_key)
        checked.append((m, rendered, address, key))
    if not checked:
        return []
    phones = {address for m, _r, address, _k in checked if m.channel == "sms"}
    opted_out = (
        set(
            SmsSuppression.objects.filter(phone__in=phones, active=True).values_list(
                "phone", flat=True
            )
        )
        if phones
        else set()
    )
    now = clock.now()
    notifications = []
    for m, rendered, address, key in checked:
        suppressed = m.channel == "sms" and address in opted_out
        notifications.append(
            Notification(
                idempotency_key=key,
                purpose=m.purpose,
                channel=m.channel,
                language=m.language,
                recipient=address,
                context={name: " ".join(value.split()) for name, value in m.context.items()},
                subject=rendered.subject,
                body=rendered.body,
                case_id=m.case_id,
                client_id=m.client_id,
                status=NotificationStatus.SUPPRESSED if suppressed else NotificationStatus.QUEUED,
                status_detail=SUPPRESSED_DETAIL if suppressed else "",
                completed_at=now if suppressed else None,
                guard_task_id="" if suppressed else (scheduling.task_id_new() or ""),
                created_at=now,
                updated_at=now,
            )
        )
    with transaction.atomic(savepoint=False):
        Notification.objects.bulk_create(notifications)
        guards = {n.pk: n.guard_task_id for n in notifications if n.guard_task_id}
        if guards:
            scheduling.tasks_enqueue_new(guards)
    for n in notifications:
        logger.info("notification %s queued (%s, %s)", n.pk, n.purpose, n.channel)
    return notifications


def _key_check(idempotency_key: str) -> str:
    key = (idempotency_key or "").strip()
    if not key:
        raise InvalidInput(_("This field is required."), field="idempotency_key")
    if len(key) > 200:
        raise InvalidInput(
            _("This field is too long (at most %(limit)s characters)."),
            field="idempotency_key",
            limit=200,
        )
    return key


ATTACHMENTS_MAX = 5
ATTACHMENTS_MAX_BYTES = 256 * 1024
_ATTACHMENT_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$")


def _attachments_check(channel: str, attachments: Sequence[Attachment]) -> None:
    if not attachments:
        return
    if channel != "email":
        raise InvalidInput(_("Only an e-mail can carry attachments."), field="attachments")
    size = sum(len(a.content.encode("utf-8")) for a in attachments)
    if len(attachments) > ATTACHMENTS_MAX or size > ATTACHMENTS_MAX_BYTES:
        raise InvalidInput(_("The attachments are too large."), field="attachments")
    if any(not _ATTACHMENT_NAME.match(a.name) or ".." in a.name for a in attachments):
        raise InvalidInput(_("An attachment has a name that is not allowed."), field="attachments")


def _recipient_check(channel: str, recipient: str) -> str:
    if not recipient or not recipient.strip():
        raise InvalidInput(_("This field is required."), field="recipient")
    if channel == "sms":
        return phone_normalise(recipient, field="recipient")
    return email_check(recipient, field="recipient")


def _notification_create(
    *,
    purpose: str,
    channel: str,
    recipient: str,
    language: str,
    context: dict[str, str],
    idempotency_key: str,
    case_id: int | None,
    client_id: int | None,
    fallback_of: Notification | None,
    attachments: list[dict[str, str]] | None = None,
) -> Notification | None:
    # Everything that can refuse the message is checked before the first write, so a caller
    # that catches InvalidInput keeps a clean transaction.
    rendered = template_render(purpose=purpose, channel=channel, language=language, context=context)
    address = _recipient_check(channel, recipient)
    key = _key_check(idempotency_key)
    # No savepoint of our own: if a write below fails, the caller's change must fail with it
    # (a receipt without its confirmation is what the outbox exists to prevent).
    with transaction.atomic(savepoint=False):
        return _notification_write(
            key=key,
            purpose=purpose,
            channel=channel,
            language=language,
            address=address,
            context=context,
            rendered_subject=rendered.subject,
            rendered_body=rendered.body,
            case_id=case_id,
            client_id=client_id,
            fallback_of=fallback_of,
            attachments=attachments or [],
        )


def _notification_write(
    *,
    key: str,
    purpose: str,
    channel: str,
    language: str,
    address: str,
    context: dict[str, str],
    rendered_subject: str,
    rendered_body: str,
    case_id: int | None,
    client_id: int | None,
    fallback_of: Notification | None,
    attachments: list[dict[str, str]],
) -> Notification | None:
    now = clock.now()
    suppressed = (
        channel == "sms" and SmsSuppression.objects.filter(phone=address, active=True).exists()
    )
    notification = Notification(
        idempotency_key=key,
        purpose=purpose,
        channel=channel,
        language=language,
        recipient=address,
        context={name: " ".join(value.split()) for name, value in context.items()},
        subject=rendered_subject,
        body=rendered_body,
        attachments=attachments,
        case_id=case_id,
        client_id=client_id,
        fallback_of=fallback_of,
        status=NotificationStatus.SUPPRESSED if suppressed else NotificationStatus.QUEUED,
        status_detail=SUPPRESSED_DETAIL if suppressed else "",
        completed_at=now if suppressed else None,
        created_at=now,
        updated_at=now,
    )
    # The unique key decides, not a look-up before the insert: one query fewer per message,
    # and no window between the look-up and the insert. The savepoint keeps the caller's
    # transaction usable when the key was taken.
    # With the database task backend, the guard's id is drawn first, so the row names it in
    # its INSERT and both tasks go in one more (two statements fewer than enqueueing them).
    guard_id = None if suppressed else scheduling.task_id_new()
    notification.guard_task_id = guard_id or ""
    try:
        with transaction.atomic():
            notification.save()
    except IntegrityError:
        if Notification.objects.filter(idempotency_key=key).exists():
            return None  # used before (or by a transaction that has committed meanwhile)
        raise
    if guard_id:
        scheduling.tasks_enqueue_new({notification.pk: guard_id})
    elif not suppressed:
        scheduling.send_schedule(notification, at=None)
        Notification.objects.filter(pk=notification.pk).update(
            guard_task_id=notification.guard_task_id
        )
    logger.info("notification %s queued (%s, %s)", notification.pk, purpose, channel)
    return notification


def fallback_queue(*, notification: Notification) -> Notification | None:
    """A text message failed for good: send the same by e-mail, when that makes sense.

    Only when the client has an e-mail address and no e-mail of this purpose exists yet for
    the same case (the caller may have queued one already: the client gets one, not two).
    """
    if notification.channel != "sms" or notification.client_id is None:
        return None
    email = Client.objects.filter(pk=notification.client_id).values_list("email", flat=True).first()
    if not email:
        return None
    same_cause = Notification.objects.filter(
        purpose=notification.purpose, channel="email", client_id=notification.client_id
    )
    if notification.case_id is None:
        same_cause = same_cause.filter(case__isnull=True)
    else:
        same_cause = same_cause.filter(case_id=notification.case_id)
    if same_cause.exists():
        return None
    key = f"{notification.idempotency_key}:fallback-email"
    if len(key) > 200:
        key = f"fallback-email:{hashlib.sha256(key.encode()).hexdigest()}"
    try:
        fallback = _notification_create(
            purpose=notification.purpose,
            channel="email",
            recipient=email,
            language=notification.language,
            context=dict(notification.context),
            idempotency_key=key,
            case_id=notification.case_id,
            client_id=notification.client_id,
            fallback_of=notification,
        )
    except InvalidInput:  # an address that no longer passes the checks: nothing to fall to
        logger.warning("notification %s: no e-mail fallback (invalid address)", notification.pk)
        return None
    if fallback is not None:
        logger.info("notification %s: e-mail fallback %s queued", notification.pk, fallback.pk)
    return fallback


@transaction.atomic
def suppression_add(*, phone: str, source: str, keyword: str = "") -> SmsSuppression:
    """Stop all text messages to this number (STOP, a provider's report, or staff)."""
    number = phone_normalise(phone, field="phone")
    now = clock.now()
    suppression, created = SmsSuppression.objects.select_for_update().get_or_create(
        phone=number,
        defaults={
            "active": True,
            "source": source,
            "keyword": keyword[:20],
            "created_at": now,
            "updated_at": now,
        },
    )
    if not created and not suppression.active:
        suppression.active, suppression.source, suppression.keyword = True, source, keyword[:20]
        suppression.updated_at = now
        suppression.save(update_fields=["active", "source", "keyword", "updated_at"])
    logger.info("sms suppression added (source %s)", source)
    return suppression


@transaction.atomic
def suppression_lift(*, phone: str) -> bool:
    """The number replied START: text messages may go to it again. True if it was suppressed."""
    number = phone_normalise(phone, field="phone")
    lifted = SmsSuppression.objects.filter(phone=number, active=True).update(
        active=False, source=SuppressionSource.KEYWORD, keyword="START", updated_at=clock.now()
    )
    if lifted:
        logger.info("sms suppression lifted")
    return bool(lifted)


def inbound_sms_handle(*, sender: str, body: str) -> str:
    """Act on a text message a client sent us: "stopped", "started" or "ignored"."""
    word = (body or "").strip().casefold()
    try:
        if word in STOP_WORDS:
            suppression_add(phone=sender, source=SuppressionSource.KEYWORD, keyword=word.upper())
            return "stopped"
        if word in START_WORDS:
            suppression_lift(phone=sender)
            return "started"
    except InvalidInput:  # not a phone number we could ever text
        return "ignored"
    return "ignored"


# What each provider's delivery statuses mean here. Absent: not final, nothing to change.
GC_NOTIFY_STATUSES = {
    "delivered": NotificationStatus.DELIVERED,
    "permanent-failure": NotificationStatus.FAILED,
    "temporary-failure": NotificationStatus.FAILED,
    "technical-failure": NotificationStatus.FAILED,
}
TWILIO_STATUSES = {
    "delivered": NotificationStatus.DELIVERED,
    "read": NotificationStatus.DELIVERED,
    "undelivered": NotificationStatus.FAILED,
    "failed": NotificationStatus.FAILED,
}
FINAL = (NotificationStatus.DELIVERED, NotificationStatus.FAILED)


@transaction.atomic
def notification_status_report(
    *,
    provider: str,
    provider_id: str,
    provider_status: str,
    reference: str = "",
    detail: str = "",
) -> Notification | None:
    """Record a provider's delivery report. None when no notification has that provider id.

    Idempotent: the same report twice changes nothing; once delivered or failed, later reports
    are kept as the provider's word but do not change the status. The reference (when the
    provider echoes it) finds a notification whose worker stopped before recording the id.
    """
    statuses = GC_NOTIFY_STATUSES if provider == "gc_notify" else TWILIO_STATUSES
    notification = (
        Notification.objects.select_for_update()
        .filter(provider=provider, provider_id=provider_id)
        .first()
    )
    if notification is None and reference:
        notification = (
            Notification.objects.select_for_update()
            .filter(reference=reference, provider=provider, provider_id="")
            .first()
        )
        if notification is not None:
            notification.provider_id = provider_id
    if notification is None:
        return None
    now = clock.now()
    new_status = statuses.get(provider_status)
    if notification.status in FINAL or new_status is None:
        if notification.provider_status != provider_status or not notification.provider_id:
            notification.provider_status = provider_status[:40]
            notification.updated_at = now
            notification.save(update_fields=["provider_status", "provider_id", "updated_at"])
        return notification
    was_sending = notification.status == NotificationStatus.SENDING
    notification.status = new_status
    notification.provider_status = provider_status[:40]
    notification.completed_at = now
    notification.sent_at = notification.sent_at or now
    notification.status_detail = detail[:300]
    notification.updated_at = now
    if was_sending:  # the worker that sent it stopped before recording: nothing left to do
        notification.lease_until = None
        notification.claim_token = ""
        scheduling.guard_drop(notification)
    notification.save()
    if new_status == NotificationStatus.FAILED:
        fallback_queue(notification=notification)
    return notification


def notifications_recover() -> int:
    """Give every unfinished notification without a pending task a new one; return how many.

    The guards make this unnecessary in normal running; it is the answer when the database
    itself failed while a guard was being moved. Safe to run at any time (e.g. from cron).
    """
    results = scheduling.database_tasks()
    if results is None:
        return 0
    unfinished = Notification.objects.filter(
        status__in=[NotificationStatus.QUEUED, NotificationStatus.SENDING]
    ).values_list("pk", "guard_task_id")
    pending = {
        str(task_id)
        for task_id in results.objects.filter(status="READY").values_list("pk", flat=True)
    }
    recovered = 0
    for notification_id, guard_task_id in unfinished.iterator():
        if guard_task_id and guard_task_id in pending:
            continue
        with transaction.atomic():
            notification = Notification.objects.select_for_update().get(pk=notification_id)
            if notification.status in (NotificationStatus.QUEUED, NotificationStatus.SENDING):
                scheduling.send_schedule(notification, at=None)
                notification.save(update_fields=["guard_task_id"])
                recovered += 1
    return recovered
