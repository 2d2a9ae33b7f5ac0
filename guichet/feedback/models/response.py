from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.feedback.models.invitation import Invitation
from guichet.feedback.models.survey import Survey


class Response(models.Model):
    """The answers given to one invitation: kept as they are given (a client who leaves half
    way keeps what they saved), counted in the analysis only once submitted."""

    invitation = models.OneToOneField(Invitation, on_delete=models.PROTECT, related_name="response")
    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="responses")
    answers = models.JSONField(default=dict)  # question code -> int (scale) or str
    comment = models.TextField(blank=True)
    submitted = models.BooleanField(default=False)
    started_at = models.DateTimeField()
    submitted_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("survey response")
        verbose_name_plural = _("survey responses")
        indexes = [models.Index(fields=["submitted"], name="feedback_resp_submitted")]

    def __str__(self) -> str:
        return f"response {self.pk} to invitation {self.invitation_id}"
