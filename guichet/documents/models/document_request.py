from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case
from guichet.catalogue.models import StepType


class RequestStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the client")
    SUBMITTED = "submitted", _("Sent, waiting for an officer")
    ACCEPTED = "accepted", _("Accepted")


class DocumentRequest(models.Model):
    """What an officer asked the client to send at one step of a case.

    Opened with the step's move to action_required; answered by files uploaded online (or paper
    recorded by staff); closed only when an officer accepts them, which moves the step on. A
    refusal sends it back to `open`, with the reason the client reads.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    step_type = models.ForeignKey(StepType, on_delete=models.PROTECT, related_name="+")
    # What is asked, as the officer wrote it for the client (the step event's client note too).
    description = models.TextField(_("documents requested"))
    status = models.CharField(
        max_length=10, choices=RequestStatus.choices, default=RequestStatus.OPEN
    )
    requested_at = models.DateTimeField()
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    reviewed_at = models.DateTimeField(null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # When an answer on paper was recorded (by staff, from the mail), if it came that way.
    paper_received_at = models.DateTimeField(null=True, blank=True)
    # The reason of the last refusal, shown to the client until they send new files.
    refusal_reason = models.TextField(blank=True)

    class Meta:
        ordering = ["case", "-requested_at", "-id"]
        indexes = [models.Index(fields=["case", "status"], name="document_request_case_idx")]
        verbose_name = _("document request")
        verbose_name_plural = _("document requests")

    def __str__(self) -> str:
        return f"document request {self.pk} (case {self.case_id})"

    @property
    def answerable(self) -> bool:
        return self.status != RequestStatus.ACCEPTED
