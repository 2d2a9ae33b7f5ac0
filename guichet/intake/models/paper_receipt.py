from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case


class ReceiptSource(models.TextChoices):
    API = "api", _("Scanning station (API)")
    SCREEN = "screen", _("Mailroom screen")
    IMPORT = "import", _("Batch import")


class PaperReceipt(models.Model):
    """One paper package registered in the mailroom: the barcode makes it happen once.

    The row is written first in its transaction, so a second clerk scanning the same package at
    the same moment waits on the unique barcode and then finds this row (see services).
    """

    package_barcode = models.CharField(_("package barcode"), max_length=64, unique=True)
    # SHA-256 of the canonical form of what was keyed in: a repeat must carry the same.
    payload_digest = models.CharField(max_length=64)
    # Set in the same transaction as the row; empty only inside it.
    case = models.OneToOneField(
        Case, null=True, on_delete=models.PROTECT, related_name="paper_receipt"
    )
    source = models.CharField(_("source"), max_length=10, choices=ReceiptSource.choices)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    registered_at = models.DateTimeField(_("registered"), auto_now_add=True)

    class Meta:
        ordering = ["-registered_at", "-id"]
        permissions = [("register_paper_receipt", "Can register a paper application")]
        verbose_name = _("paper receipt")
        verbose_name_plural = _("paper receipts")

    def __str__(self) -> str:
        return self.package_barcode
