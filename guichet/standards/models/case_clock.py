from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case
from guichet.catalogue.models import Service, StepType


class CaseClock(models.Model):
    """One case's service-standard clock as of its last event: a narrow read model.

    Kept current in the same transaction as every case change (apps.py), rebuilt from the
    events by `standards_refresh --rebuild-clocks`. Everything standards computes over many
    cases reads this table only, never the events. Dates are day numbers (standards.days).
    """

    case = models.OneToOneField(Case, primary_key=True, on_delete=models.CASCADE, related_name="+")
    # No index of their own: the composite indexes below lead with what the queries need, and
    # every extra index costs each case change and bulk load.
    service = models.ForeignKey(Service, on_delete=models.PROTECT, related_name="+", db_index=False)
    received_day = models.IntegerField()
    # The clock's start: receipt of a complete application (standards.clock). Null while the
    # completeness check has found the application incomplete (the clock waits for it).
    started_day = models.IntegerField(null=True, blank=True)
    started_at = models.DateTimeField(null=True, blank=True)  # for hour-based standards
    start_basis = models.CharField(max_length=10, blank=True)  # standards.clock ON_RECEIPT…
    decided_day = models.IntegerField(null=True, blank=True)
    # Decided cases: days that count against the standard (elapsed less paused).
    clock_days = models.IntegerField(null=True, blank=True)
    # Decided by withdrawal: not a completion (neither approved nor refused), so left out of
    # processing times and compliance and counted apart.
    withdrawn = models.BooleanField(default=False)
    # Decided cases: hours from receipt to decision, less 24 per day paused, rounded up (for
    # hour-based standards such as the eTA's 72 hours; standards.definitions).
    clock_hours = models.IntegerField(null=True, blank=True)
    # This case's day standard when it is not its service's (a study permit applied for inside
    # Canada: 120 days, not 60; standards.definitions). Null: the service's.
    target_days = models.IntegerField(null=True, blank=True)
    paused_days = models.IntegerField(default=0)  # closed pauses
    paused_since_day = models.IntegerField(null=True, blank=True)  # pause under way
    waiting_steps = models.PositiveSmallIntegerField(default=0)
    # The step the case is waiting on (the status page's current step); null once decided.
    step_type = models.ForeignKey(
        StepType, null=True, blank=True, on_delete=models.PROTECT, related_name="+", db_index=False
    )
    step_position = models.PositiveSmallIntegerField(default=0)
    last_sequence = models.PositiveIntegerField(default=0)
    last_event_at = models.DateTimeField(null=True, blank=True)
    problem = models.CharField(max_length=20, blank=True)

    class Meta:
        indexes = [
            # Decisions in a date range, read from the index alone: every column the figures
            # read is in it (a missing one turns each row into a table look-up, 3x slower).
            # Partial, so that no planner takes it for "decided_day IS NULL" (a million open
            # cases, not a few thousand).
            models.Index(
                fields=[
                    "decided_day",
                    "service",
                    "received_day",
                    "clock_days",
                    "problem",
                    "withdrawn",
                    "target_days",
                    "clock_hours",
                ],
                name="std_clock_decisions",
                condition=Q(decided_day__isnull=False),
            ),
            models.Index(fields=["received_day", "service"], name="std_clock_received"),
            # Open cases, read from the index alone (inventory, forecasts).
            models.Index(
                fields=[
                    "service",
                    "step_type",
                    "received_day",
                    "started_day",
                    "paused_days",
                    "paused_since_day",
                    "step_position",
                    "problem",
                    "case",
                    "target_days",
                ],
                name="std_clock_open_cover",
                condition=Q(decided_day__isnull=True),
            ),
        ]
        verbose_name = _("case clock")
        verbose_name_plural = _("case clocks")

    def __str__(self) -> str:
        return f"clock of case {self.case_id}"
