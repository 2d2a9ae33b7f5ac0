from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.clients.models import Client


class ClientMerge(models.Model):
    """Two client records found to be one person: the merged one's cases moved to the
    survivor. The merged client's row stays (with its history and audit records), and the
    moved cases are listed, so a split puts exactly those back."""

    survivor = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="+", verbose_name=_("client kept")
    )
    merged = models.ForeignKey(
        Client, on_delete=models.PROTECT, related_name="+", verbose_name=_("client merged")
    )
    case_ids = models.JSONField(default=list)
    review = models.ForeignKey(
        "identity_link.DuplicateReview", null=True, blank=True, on_delete=models.PROTECT
    )
    merged_at = models.DateTimeField()
    merged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    split_at = models.DateTimeField(null=True, blank=True)
    split_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["-merged_at", "-pk"]
        constraints = [
            # A client is merged into at most one other at a time.
            models.UniqueConstraint(
                fields=["merged"],
                condition=models.Q(split_at__isnull=True),
                name="client_merge_once",
            ),
            models.CheckConstraint(
                condition=~models.Q(survivor=models.F("merged")), name="client_merge_two_clients"
            ),
        ]
        permissions = [("merge_client", "Can merge two client records and split them again")]
        verbose_name = _("client merge")
        verbose_name_plural = _("client merges")

    def __str__(self) -> str:
        return f"client {self.merged_id} into {self.survivor_id}"
