from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case


class StatusDocument(models.Model):
    """A case's status as the public API gives it, in one language, rendered by the status
    selector and stored (the status read model, ADR 0019).

    Written by status.services.documents in the transaction of every change to the case, so
    it is never staler than the case. The client's estimate is not in it: it is read with the
    document at look-up time (status.readmodel). Valid only for the renderer `version` that
    wrote it; a process of another version renders the status itself instead.
    """

    # Indexed by the unique (case, language) constraint, whose first column it is.
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+", db_index=False)
    language = models.CharField(max_length=2)
    version = models.CharField(max_length=40)
    body = models.BinaryField()  # UTF-8 JSON, with "estimate": null as its last key

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["case", "language"], name="status_document_case_language"
            )
        ]
        verbose_name = _("status document")
        verbose_name_plural = _("status documents")

    def __str__(self) -> str:
        return f"status of case {self.case_id} ({self.language})"
