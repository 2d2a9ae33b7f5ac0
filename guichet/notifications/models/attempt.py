from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.notifications.models.notification import Notification


class AttemptOutcome(models.TextChoices):
    SENT = "sent", _("Accepted by the provider")
    TRANSIENT_ERROR = "transient_error", _("Temporary error, will be retried")
    PERMANENT_ERROR = "permanent_error", _("Permanent error")
    INTERRUPTED = "interrupted", _("Interrupted: the worker stopped before recording the answer")


class NotificationAttempt(models.Model):
    """One call to a provider (or one that a stopped worker never finished). Append-only."""

    notification = models.ForeignKey(
        Notification, on_delete=models.CASCADE, related_name="attempt_log"
    )
    number = models.PositiveSmallIntegerField()
    provider = models.CharField(max_length=20)
    started_at = models.DateTimeField()
    duration_ms = models.PositiveIntegerField(default=0)
    outcome = models.CharField(max_length=20, choices=AttemptOutcome.choices)
    http_status = models.PositiveSmallIntegerField(null=True, blank=True)
    # A short code: timeout, connection_error, http_429, invalid_response, …
    error_class = models.CharField(max_length=60, blank=True)
    # Names the provider and what went wrong; the recipient is masked out of it.
    error_message = models.CharField(max_length=300, blank=True)
    provider_id = models.CharField(max_length=100, blank=True)

    class Meta:
        ordering = ["notification", "number", "id"]
        indexes = [models.Index(fields=["notification", "number"], name="notif_attempt_idx")]
        verbose_name = _("notification attempt")
        verbose_name_plural = _("notification attempts")

    def __str__(self) -> str:
        return f"{self.notification_id}#{self.number} {self.outcome}"
