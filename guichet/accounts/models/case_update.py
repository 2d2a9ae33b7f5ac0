from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guichet.accounts.models.case_link import CaseLink


class NoticeOutcome(models.TextChoices):
    PENDING = "pending", _("Waiting to be sent")
    QUEUED = "queued", _("Handed to the notifications outbox")
    CANCELLED = "cancelled", _("Not sent: the client turned updates off")


class CaseUpdateNotice(models.Model):
    """One update message to come for one linked case on one channel.

    Written in the transaction of the case change that opens it, so it is never lost. Further
    changes before `due_at` are folded into it: several changes in a few minutes make one
    message. At `due_at` a task hands it to the notifications outbox.
    """

    link = models.ForeignKey(CaseLink, on_delete=models.CASCADE, related_name="notices")
    channel = models.CharField(max_length=10)
    first_sequence = models.PositiveIntegerField()
    last_sequence = models.PositiveIntegerField()
    changes = models.PositiveIntegerField(default=1)
    created_at = models.DateTimeField()
    due_at = models.DateTimeField()
    outcome = models.CharField(
        max_length=10, choices=NoticeOutcome.choices, default=NoticeOutcome.PENDING
    )
    handled_at = models.DateTimeField(null=True, blank=True)
    notification_id = models.BigIntegerField(null=True, blank=True)

    class Meta:
        ordering = ["due_at", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["link", "channel"],
                condition=Q(outcome="pending"),
                name="case_update_one_pending",
            ),
        ]
        indexes = [models.Index(fields=["outcome", "due_at"], name="case_update_due_idx")]
        verbose_name = _("case update message")
        verbose_name_plural = _("case update messages")

    def __str__(self) -> str:
        return f"link {self.link_id} {self.channel} {self.outcome}"
