from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.catalogue.models import Service
from guichet.clients.models import Client


class Channel(models.TextChoices):
    ONLINE = "online", _("Online")
    PAPER = "paper", _("Paper")


class CaseStatus(models.TextChoices):
    IN_PROGRESS = "in_progress", _("In progress")
    DECIDED = "decided", _("Decided")


class Decision(models.TextChoices):
    APPROVED = "approved", _("Approved")
    REFUSED = "refused", _("Refused")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class AppliedFrom(models.TextChoices):
    """Where the client applied from, for standards that depend on it (study and work permits:
    60 days outside Canada, 120 inside). Blank when the intake did not record it."""

    INSIDE_CANADA = "inside", _("Inside Canada")
    OUTSIDE_CANADA = "outside", _("Outside Canada")


class Case(models.Model):
    """One application (dossier). Changed only through guichet.cases.services."""

    application_number = models.CharField(max_length=10, unique=True)
    # The 8 digits before the check digit, unique across E and P: the digits alone find a case.
    serial = models.PositiveIntegerField(unique=True)
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+")
    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="cases")
    channel = models.CharField(max_length=10, choices=Channel.choices)
    received_at = models.DateTimeField()
    applied_from = models.CharField(
        max_length=10, choices=AppliedFrom.choices, blank=True, default="", db_default=""
    )
    status = models.CharField(
        max_length=20, choices=CaseStatus.choices, default=CaseStatus.IN_PROGRESS
    )
    decision = models.CharField(max_length=10, choices=Decision.choices, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)
    # Bumped by every change; the number of the last event (CaseEvent.sequence).
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField()

    class Meta:
        indexes = [
            models.Index(fields=["service", "status"]),
            models.Index(fields=["status", "received_at"]),
        ]
        permissions = [
            ("view_case_file", "Can view a client's case file"),
            ("advance_case_step", "Can move a case step"),
            ("record_decision", "Can record a decision on a case"),
        ]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self) -> str:
        return self.application_number
