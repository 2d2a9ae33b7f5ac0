from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.cases.models.case import Case
from guichet.catalogue.models import StepState, StepType


class CaseStep(models.Model):
    """One step of one case and its current state (its history is in CaseEvent)."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="steps")
    step_type = models.ForeignKey(StepType, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()
    state = models.CharField(max_length=20, choices=StepState.choices)
    updated_at = models.DateTimeField()

    class Meta:
        ordering = ["case", "position"]
        constraints = [
            models.UniqueConstraint(fields=["case", "position"], name="case_step_position"),
        ]
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")

    def __str__(self) -> str:
        return f"{self.case_id}#{self.position} {self.state}"
