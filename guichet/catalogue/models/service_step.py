from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.catalogue.models.service import Service
from guichet.catalogue.models.step_type import StepType


class ServiceStep(models.Model):
    """One client-visible step of a service, in order."""

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="steps")
    step_type = models.ForeignKey(StepType, on_delete=models.PROTECT, related_name="+")
    position = models.PositiveSmallIntegerField()

    class Meta:
        ordering = ["service", "position"]
        constraints = [
            models.UniqueConstraint(fields=["service", "position"], name="one_step_per_position"),
            models.UniqueConstraint(fields=["service", "step_type"], name="step_once_per_service"),
        ]
        verbose_name = _("service step")
        verbose_name_plural = _("service steps")

    def __str__(self) -> str:
        return f"{self.service_id}#{self.position} {self.step_type_id}"
