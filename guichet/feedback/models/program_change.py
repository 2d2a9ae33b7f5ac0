from django.db import models
from django.utils.translation import gettext_lazy as _


class ChangeStatus(models.TextChoices):
    PLANNED = "planned", _("Planned")
    SHIPPED = "shipped", _("In place")


class ProgramChange(models.Model):
    """A change to a program made because of what clients said: opened by an analyst from an
    area of low satisfaction, with its evidence, and published on the public page "What we
    heard, what we changed". Once it is in place, the same question is measured before and
    after it."""

    owner = models.CharField(_("owner"), max_length=100)  # a team, not a person
    service_code = models.CharField(_("service"), max_length=50, blank=True)  # blank: all
    measure = models.CharField(_("question"), max_length=50)
    heard_en = models.TextField(_("what we heard (English)"))
    heard_fr = models.TextField(_("what we heard (French)"))
    changed_en = models.TextField(_("what we changed (English)"))
    changed_fr = models.TextField(_("what we changed (French)"))
    # The figures it was opened from (a copy of the weak-area row: aggregates only).
    evidence = models.JSONField(_("evidence"), default=dict)
    status = models.CharField(
        max_length=10, choices=ChangeStatus.choices, default=ChangeStatus.PLANNED
    )
    opened_at = models.DateTimeField()
    shipped_on = models.DateField(null=True, blank=True)
    published = models.BooleanField(default=False)

    class Meta:
        verbose_name = _("program change")
        verbose_name_plural = _("program changes")
        permissions = [("record_program_change", "Can record a program change")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="shipped") | models.Q(shipped_on__isnull=False),
                name="feedback_change_shipped_on",
            )
        ]

    def __str__(self) -> str:
        return f"program change {self.pk} ({self.measure})"
