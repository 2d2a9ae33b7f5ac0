from typing import Any, NoReturn

from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case
from guichet.clients.models import Client
from guichet.representatives.models.consent import Consent
from guichet.representatives.models.representative import Representative


class AccessAction(models.TextChoices):
    VIEWED = "viewed", _("Viewed the application")
    LISTED = "listed", _("Saw the application in their list")
    UPLOADED = "uploaded", _("Sent a requested document")
    CONTACT_CHANGED = "contact", _("Changed the contact details for correspondence")


class AccessQuerySet(models.QuerySet["RepresentativeAccess"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("representative accesses are append-only")

    def delete(self) -> NoReturn:  # type: ignore[override]
        raise TypeError("representative accesses are append-only")


class RepresentativeAccess(models.Model):
    """One thing a representative saw or did on a client's case, shown to the client.
    Append-only, like the audit trail."""

    representative = models.ForeignKey(
        Representative, on_delete=models.PROTECT, related_name="accesses"
    )
    consent = models.ForeignKey(Consent, on_delete=models.PROTECT, related_name="accesses")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    action = models.CharField(max_length=10, choices=AccessAction.choices)
    at = models.DateTimeField()

    objects = AccessQuerySet.as_manager()

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["client", "at"], name="rep_access_client_idx")]
        verbose_name = _("representative access")
        verbose_name_plural = _("representative accesses")

    def __str__(self) -> str:
        return f"access {self.pk}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("representative accesses are append-only")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:  # type: ignore[override]
        raise TypeError("representative accesses are append-only")
