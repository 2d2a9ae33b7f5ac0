"""Reads of the notifications module."""

import datetime as dt
from dataclasses import dataclass

from guichet.notifications.models import Channel, Notification, NotificationStatus, SmsSuppression


@dataclass(frozen=True)
class NotificationSummary:
    """One message on a case's timeline, for staff. The recipient is masked."""

    id: int
    purpose: str
    channel: str
    channel_label: str
    status: str
    status_label: str
    recipient_masked: str
    language: str
    attempts: int
    provider: str
    detail: str
    created_at: dt.datetime
    sent_at: dt.datetime | None
    completed_at: dt.datetime | None
    fallback_of_id: int | None


MASK = "…"


def recipient_mask(recipient: str) -> str:
    """`…0123` for a phone number, `m…@example.ca` for an address (a masked one unchanged)."""
    if MASK in recipient:
        return recipient
    if "@" in recipient:
        local, _, domain = recipient.partition("@")
        return f"{local[:1]}{MASK}@{domain}"
    return f"{MASK}{recipient[-4:]}"


def notifications_for_case(case_id: int) -> list[NotificationSummary]:
    """Every notification about a case, oldest first, with its status in the active language."""
    rows = Notification.objects.filter(case_id=case_id).order_by("created_at", "id")
    return [
        NotificationSummary(
            id=row.pk,
            purpose=row.purpose,
            channel=row.channel,
            channel_label=str(Channel(row.channel).label),
            status=row.status,
            status_label=str(NotificationStatus(row.status).label),
            recipient_masked=recipient_mask(row.recipient),
            language=row.language,
            attempts=row.attempts,
            provider=row.provider,
            detail=row.status_detail,
            created_at=row.created_at,
            sent_at=row.sent_at,
            completed_at=row.completed_at,
            fallback_of_id=row.fallback_of_id,
        )
        for row in rows
    ]


def sms_stopped_since(phone: str) -> dt.datetime | None:
    """When this number opted out of text messages (STOP, ARRÊT… or a provider's report), or
    None if we may text it. `phone` as accounts store it (E.164); "" is never stopped."""
    if not phone:
        return None
    return (
        SmsSuppression.objects.filter(phone=phone, active=True)
        .values_list("updated_at", flat=True)
        .first()
    )
