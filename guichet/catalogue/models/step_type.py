from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.catalogue.models.step_state import StepState


class StepType(models.Model):
    """A kind of step shared by services: medical exam, biometrics, final decision…"""

    code = models.SlugField(max_length=40, unique=True)
    name_en = models.CharField(max_length=100)
    name_fr = models.CharField(max_length=100)

    class Meta:
        ordering = ["code"]
        verbose_name = _("step type")
        verbose_name_plural = _("step types")

    def __str__(self) -> str:
        return self.code

    def name(self, language: str) -> str:
        return self.name_fr if language == "fr" else self.name_en


class StepMessage(models.Model):
    """The plain-language sentence a client reads for one step in one state."""

    step_type = models.ForeignKey(StepType, on_delete=models.CASCADE, related_name="messages")
    state = models.CharField(max_length=20, choices=StepState.choices)
    text_en = models.TextField()
    text_fr = models.TextField()

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["step_type", "state"], name="one_message_per_state")
        ]
        verbose_name = _("step message")
        verbose_name_plural = _("step messages")

    def __str__(self) -> str:
        return f"{self.step_type_id}/{self.state}"
