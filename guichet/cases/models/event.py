from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.cases.models.case import Case
from guichet.catalogue.models import StepState, StepType


class EventKind(models.TextChoices):
    RECEIVED = "received", _("Application received")
    STEP = "step", _("Step changed")
    DECIDED = "decided", _("Decision recorded")
    # A step waiting on the client: what they sent arrived, or an officer did not accept it.
    DOCUMENTS = "documents", _("Documents received")
    DOCUMENTS_REFUSED = "doc_refuse", _("Documents not accepted")
    # The client changed their address or contact details online.
    CONTACT = "contact", _("Contact details changed")
    # An appointment was offered, booked, moved, cancelled or held (guichet.appointments).
    APPOINTMENT = "appt", _("Appointment")


class CaseEventQuerySet(models.QuerySet["CaseEvent"]):
    def update(self, **kwargs: object) -> int:
        raise PermissionError("Case history is append-only.")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("Case history is append-only.")


class CaseEvent(models.Model):
    """One change to a case, never edited: the history the client and staff read."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="events")
    # 1, 2, 3… per case. Unique with the case, so two writers can never both write event n.
    sequence = models.PositiveIntegerField()
    at = models.DateTimeField()
    kind = models.CharField(max_length=10, choices=EventKind.choices)
    step_type = models.ForeignKey(
        StepType, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    old_state = models.CharField(max_length=20, choices=StepState.choices, blank=True)
    new_state = models.CharField(max_length=20, choices=StepState.choices, blank=True)
    decision = models.CharField(max_length=10, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    # A note the client will read (e.g. which documents to send), written by an officer.
    client_note = models.TextField(blank=True)

    objects = CaseEventQuerySet.as_manager()

    class Meta:
        ordering = ["case", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["case", "sequence"], name="case_event_sequence"),
        ]
        verbose_name = _("case event")
        verbose_name_plural = _("case events")

    def __str__(self) -> str:
        return f"{self.case_id}@{self.sequence} {self.kind}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("Case history is append-only.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]
