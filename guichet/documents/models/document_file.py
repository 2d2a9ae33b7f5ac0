from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case
from guichet.documents.models.document_request import DocumentRequest


class FileKind(models.TextChoices):
    PDF = "pdf", "PDF"
    JPEG = "jpeg", "JPEG"


class FileReview(models.TextChoices):
    PENDING = "pending", _("Not checked yet")
    ACCEPTED = "accepted", _("Accepted")
    REFUSED = "refused", _("Not accepted")


class DocumentFile(models.Model):
    """One file sent in answer to a request, attached to the case; its bytes are in the
    configured storage (STORAGES["default"]) under a random name, never served by a public URL."""

    request = models.ForeignKey(DocumentRequest, on_delete=models.CASCADE, related_name="files")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    storage_name = models.CharField(max_length=200, unique=True)
    kind = models.CharField(max_length=10, choices=FileKind.choices)
    size = models.PositiveIntegerField()
    sha256 = models.CharField(max_length=64)
    # The name the client gave the file, shortened, for staff to tell files apart.
    label = models.CharField(max_length=100, blank=True)
    uploaded_at = models.DateTimeField()
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    review = models.CharField(max_length=10, choices=FileReview.choices, default=FileReview.PENDING)
    # When the bytes were deleted at the end of the retention period (the row stays for the
    # history and the audit: kind, size, digest, dates).
    purged_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["request", "uploaded_at", "id"]
        verbose_name = _("document file")
        verbose_name_plural = _("document files")

    def __str__(self) -> str:
        return f"document file {self.pk} (request {self.request_id})"

    @property
    def content_type(self) -> str:
        return "application/pdf" if self.kind == FileKind.PDF else "image/jpeg"

    @property
    def extension(self) -> str:
        return "pdf" if self.kind == FileKind.PDF else "jpg"
