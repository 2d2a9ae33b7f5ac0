import datetime as dt

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.clients.models import Language
from guichet.representatives.models.firm import Firm
from guichet.representatives.models.regulator import Regulator


class RepresentativeState(models.TextChoices):
    PENDING = "pending", _("Waiting for verification")
    VERIFIED = "verified", _("Verified")
    REFUSED = "refused", _("Refused")


class Representative(models.Model):
    """A lawyer, notary or licensed consultant acting for clients. Not a client account: a
    representative sees a case only through a consent in force (Consent), never a CaseLink.

    One identity per representative: a regulator's membership number belongs to one account.
    Usable only once staff verified the membership, and until the yearly re-check falls due.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="representative"
    )
    email = models.EmailField(_("e-mail address"), max_length=150, unique=True)
    family_name = models.CharField(_("family name"), max_length=100)
    given_names = models.CharField(_("given names"), max_length=100)
    regulator = models.ForeignKey(Regulator, on_delete=models.PROTECT, related_name="+")
    membership_number = models.CharField(_("membership number"), max_length=30)
    firm = models.ForeignKey(
        Firm, null=True, blank=True, on_delete=models.SET_NULL, related_name="members"
    )
    language = models.CharField(
        _("language of messages"), max_length=2, choices=Language.choices, default="en"
    )
    state = models.CharField(
        max_length=10, choices=RepresentativeState.choices, default=RepresentativeState.PENDING
    )
    verified_at = models.DateTimeField(null=True, blank=True)
    verified_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The membership is checked again with the regulator by this day; after it, no access.
    recheck_due = models.DateField(null=True, blank=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["family_name", "given_names", "id"]
        constraints = [
            models.UniqueConstraint(
                fields=["regulator", "membership_number"], name="representative_one_identity"
            ),
            models.CheckConstraint(
                condition=~models.Q(state="verified")
                | (models.Q(verified_at__isnull=False) & models.Q(recheck_due__isnull=False)),
                name="representative_verified_has_dates",
            ),
        ]
        permissions = [("verify_representative", "Can verify a representative's membership")]
        verbose_name = _("representative")
        verbose_name_plural = _("representatives")

    def __str__(self) -> str:
        return f"representative {self.pk}"

    def in_good_standing(self, today: dt.date) -> bool:
        """Verified, and the yearly re-check not overdue."""
        return (
            self.state == RepresentativeState.VERIFIED
            and self.recheck_due is not None
            and today <= self.recheck_due
        )
