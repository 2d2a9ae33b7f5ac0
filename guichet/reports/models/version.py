from typing import Any, NoReturn

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.reports.models.edition import ReportEdition


class ReportVersionQuerySet(models.QuerySet["ReportVersion"]):
    def update(self, **kwargs: Any) -> NoReturn:
        raise TypeError("report versions are never changed: save a new version")

    def delete(self) -> NoReturn:  # type: ignore[override]
        raise TypeError("report versions are never deleted")


class ReportVersion(models.Model):
    """A saved text of an edition, in both languages. Append-only: an edit is a new version."""

    edition = models.ForeignKey(ReportEdition, on_delete=models.PROTECT, related_name="versions")
    number = models.PositiveIntegerField()
    saved_at = models.DateTimeField()
    saved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # {"en": {section: text}, "fr": {section: text}}; sections in guichet.reports.sections.
    content = models.JSONField()
    note = models.CharField(_("what changed"), max_length=200, blank=True)

    objects = ReportVersionQuerySet.as_manager()

    class Meta:
        ordering = ["edition", "-number"]
        constraints = [
            models.UniqueConstraint(fields=["edition", "number"], name="report_version_once"),
        ]
        verbose_name = _("council report version")
        verbose_name_plural = _("council report versions")

    def __str__(self) -> str:
        return f"edition {self.edition_id} version {self.number}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if self.pk is not None:
            raise TypeError("report versions are never changed: save a new version")
        super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("report versions are never deleted")
