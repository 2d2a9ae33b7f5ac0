import uuid

from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


def reference_new() -> str:
    """An opaque identifier, given to providers instead of anything about the person."""
    return uuid.uuid4().hex


class Channel(models.TextChoices):
    SMS = "sms", pgettext_lazy("notification channel", "Text message")
    EMAIL = "email", pgettext_lazy("notification channel", "E-mail")


class NotificationStatus(models.TextChoices):
    QUEUED = "queued", pgettext_lazy("notification status", "Queued")
    SENDING = "sending", pgettext_lazy("notification status", "Sending")
    SENT = "sent", pgettext_lazy("notification status", "Sent")
    DELIVERED = "delivered", pgettext_lazy("notification status", "Delivered")
    FAILED = "failed", pgettext_lazy("notification status", "Failed")
    SUPPRESSED = (
        "suppressed",
        pgettext_lazy("notification status", "Not sent: the number has opted out of text messages"),
    )


# Once here, the worker has nothing more to do (callbacks may still move sent to delivered or
# failed).
WORKER_DONE = frozenset(
    {
        NotificationStatus.SENT,
        NotificationStatus.DELIVERED,
        NotificationStatus.FAILED,
        NotificationStatus.SUPPRESSED,
    }
)


class Notification(models.Model):
    """One message to one recipient: the outbox row, written in the caller's transaction.

    Changed only through guichet.notifications (services, delivery, callbacks).
    """

    reference = models.CharField(max_length=32, unique=True, default=reference_new, editable=False)
    idempotency_key = models.CharField(max_length=200, unique=True)
    purpose = models.CharField(max_length=50)
    channel = models.CharField(max_length=10, choices=Channel.choices)
    language = models.CharField(max_length=2)
    # E.164 phone number or e-mail address: personal data, never logged.
    recipient = models.CharField(max_length=254)
    context = models.JSONField(default=dict)
    subject = models.CharField(max_length=200, blank=True)
    body = models.TextField()
    # E-mail only: small text files sent with it, [{"name", "content_type", "content"}].
    attachments = models.JSONField(default=list, blank=True)
    case = models.ForeignKey(
        "cases.Case", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    client = models.ForeignKey(
        "clients.Client", null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # An e-mail sent because this text message could not be delivered points back to it.
    fallback_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.SET_NULL, related_name="fallbacks"
    )

    status = models.CharField(
        max_length=12, choices=NotificationStatus.choices, default=NotificationStatus.QUEUED
    )
    provider = models.CharField(max_length=20, blank=True)
    provider_id = models.CharField(max_length=100, blank=True)
    # The provider's own word for the last delivery status it reported (callbacks).
    provider_status = models.CharField(max_length=40, blank=True)
    # Why it is in this state, for staff: never the recipient or the message.
    status_detail = models.CharField(max_length=300, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)

    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    # When a deferred or retried notification may go (rate limit, cap, back-off).
    next_attempt_at = models.DateTimeField(null=True, blank=True)
    # The slot reserved in the provider's rate limit, when it had to wait for one.
    rate_slot_at = models.DateTimeField(null=True, blank=True)
    # The worker task that holds it while sending, and until when; past that it is lost.
    claimed_at = models.DateTimeField(null=True, blank=True)
    lease_until = models.DateTimeField(null=True, blank=True)
    claim_token = models.CharField(max_length=64, blank=True)
    # The task that will take it up again if the one expected to run now never finishes.
    guard_task_id = models.CharField(max_length=64, blank=True)
    sent_at = models.DateTimeField(null=True, blank=True)
    completed_at = models.DateTimeField(null=True, blank=True)
    # When the retention purge blanked subject, body and context (see services.retention).
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["created_at", "id"]
        indexes = [
            models.Index(fields=["channel", "recipient", "claimed_at"], name="notif_recipient_idx"),
            models.Index(fields=["case", "created_at"], name="notif_case_idx"),
            models.Index(fields=["status", "created_at"], name="notif_status_idx"),
        ]
        constraints = [
            models.UniqueConstraint(
                fields=["provider", "provider_id"],
                condition=~Q(provider_id=""),
                name="notif_provider_id_unique",
            ),
        ]
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")

    def __str__(self) -> str:
        return f"{self.purpose}/{self.channel} {self.reference} {self.status}"
