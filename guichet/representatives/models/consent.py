from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case
from guichet.clients.models import Client
from guichet.representatives.models.representative import Representative


class ConsentSource(models.TextChoices):
    ONLINE = "online", _("Given online from the client's account")
    PAPER = "paper", _("Recorded by staff from the use-of-representative form")


class Consent(models.Model):
    """A client's authorisation of a representative, for one case or (case empty) for every
    case of the client. In force while `revoked_at` is empty; revoking it ends access at the
    next request (access is checked on every request, never cached in a session)."""

    representative = models.ForeignKey(
        Representative, on_delete=models.PROTECT, related_name="consents"
    )
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    source = models.CharField(max_length=10, choices=ConsentSource.choices)
    granted_at = models.DateTimeField()
    granted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    revoked_at = models.DateTimeField(null=True, blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-granted_at", "-id"]
        constraints = [
            # One consent in force per representative and case, and per representative and
            # client for "every case" (a null case is not equal to another in SQL).
            models.UniqueConstraint(
                fields=["representative", "case"],
                condition=models.Q(revoked_at__isnull=True, case__isnull=False),
                name="consent_in_force_once_per_case",
            ),
            models.UniqueConstraint(
                fields=["representative", "client"],
                condition=models.Q(revoked_at__isnull=True, case__isnull=True),
                name="consent_in_force_once_for_all",
            ),
        ]
        indexes = [
            models.Index(fields=["representative", "revoked_at"], name="consent_rep_idx"),
            models.Index(fields=["client"], name="consent_client_idx"),
        ]
        permissions = [("record_consent", "Can record a paper use-of-representative form")]
        verbose_name = _("consent")
        verbose_name_plural = _("consents")

    def __str__(self) -> str:
        return f"consent {self.pk}"

    @property
    def in_force(self) -> bool:
        return self.revoked_at is None
