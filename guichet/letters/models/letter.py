from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case


class LetterKind(models.TextChoices):
    ACKNOWLEDGEMENT = "ack", _("Acknowledgement of receipt")
    DOCUMENTS_REQUEST = "request", _("Request for documents")
    DECISION = "decision", _("Decision letter")
    # Issued by the appointments module: an invitation, a booking, a move or a cancellation.
    APPOINTMENT = "appt", _("Appointment letter")


class LetterQuerySet(models.QuerySet["Letter"]):
    def delete(self) -> tuple[int, dict[str, int]]:
        raise PermissionError("A letter sent to a client is kept with the case.")


class Letter(models.Model):
    """A letter Guichet sent the client about one event of their case, kept with the case.

    The row is written in the transaction of the event (so a change never goes without its
    letter, nor a letter without its change); the PDF is rendered just after, by a task, in the
    language the client had chosen when the letter was issued, and never re-rendered: what the
    client downloads is what was sent.
    """

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(max_length=10, choices=LetterKind.choices)
    # The case event the letter is about (CaseEvent.sequence): one letter per kind and event.
    event_sequence = models.PositiveIntegerField()
    issued_at = models.DateTimeField()
    # Filled once the PDF is rendered and stored.
    language = models.CharField(max_length=2, blank=True)
    storage_name = models.CharField(max_length=200, blank=True)
    sha256 = models.CharField(max_length=64, blank=True)
    size = models.PositiveIntegerField(null=True, blank=True)
    rendered_at = models.DateTimeField(null=True, blank=True)

    objects = LetterQuerySet.as_manager()

    class Meta:
        ordering = ["case", "-issued_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "kind", "event_sequence"], name="letter_one_per_event"
            ),
        ]
        indexes = [models.Index(fields=["case", "event_sequence"], name="letter_case_idx")]
        verbose_name = _("letter")
        verbose_name_plural = _("letters")

    def __str__(self) -> str:
        return f"letter {self.pk} ({self.kind}, case {self.case_id})"

    @property
    def rendered(self) -> bool:
        return self.rendered_at is not None
