from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ReportEdition(models.Model):
    """One edition of the council's information-exchange report, for a period.

    The figures it cites are read once, when the edition is opened, and kept here with their
    definitions, periods and the time they were read: the text of every version points at them
    by key (``[[key]]``), so an edited sentence still cites the same number and footnote.
    """

    period_start = models.DateField(_("first day of the period"))
    period_end = models.DateField(_("last day of the period"))
    opened_at = models.DateTimeField()
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # [{key, kind, value, definition: {en, fr}, period: {en, fr}, read_at, source}]
    figures = models.JSONField(default=list)

    class Meta:
        ordering = ["-period_end", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(period_start__lte=models.F("period_end")),
                name="report_edition_period_in_order",
            )
        ]
        permissions = [("manage_council_report", "Can draft, edit and export the council report")]
        verbose_name = _("council report edition")
        verbose_name_plural = _("council report editions")

    def __str__(self) -> str:
        return f"council report {self.period_start} – {self.period_end}"
