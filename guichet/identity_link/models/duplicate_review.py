from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.clients.models import Client


class DuplicateReview(models.Model):
    """“Possible duplicate”: a client created at intake who may be an existing client.

    Never merged on its own: a member of staff decides, and a merge goes through
    `services.client_merge`."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for a decision")
        SAME = "same", _("Same person: merged")
        DIFFERENT = "different", _("Different people")

    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="+", verbose_name=_("new client")
    )
    candidate = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="+", verbose_name=_("existing client")
    )
    match_probability = models.FloatField(_("match probability"))
    # Per comparison: its level and weight of evidence (level labels, never the values).
    evidence = models.JSONField(_("evidence"), default=list)
    model_version = models.CharField(max_length=40)
    source = models.CharField(max_length=20, default="intake")
    status = models.CharField(max_length=10, choices=Status.choices, default=Status.OPEN)
    created_at = models.DateTimeField()
    decided_at = models.DateTimeField(null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-match_probability", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["client", "candidate"], name="duplicate_review_pair"),
            models.CheckConstraint(
                condition=~models.Q(client=models.F("candidate")),
                name="duplicate_review_two_clients",
            ),
        ]
        indexes = [models.Index(fields=["status", "created_at"])]
        permissions = [("review_duplicate", "Can decide whether two clients are one person")]
        verbose_name = _("possible duplicate")
        verbose_name_plural = _("possible duplicates")

    def __str__(self) -> str:
        return f"client {self.client_id} / {self.candidate_id} ({self.status})"
