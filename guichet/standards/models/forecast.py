from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case
from guichet.catalogue.models import Service, StepType


class CaseForecast(models.Model):
    """The predicted decision date of one open case, from the last forecast run.

    Replaced whole by each run (standards.forecasting). Dates are day numbers (standards.days).
    """

    # Derived rows, written a million at a time from CaseClock: no database constraint (on
    # PostgreSQL each would be checked row by row at commit) and no index of their own (read
    # through std_forecast_risk). Deleting a case still deletes its forecast (Django cascades).
    case = models.OneToOneField(
        Case, primary_key=True, on_delete=models.CASCADE, related_name="+", db_constraint=False
    )
    service = models.ForeignKey(
        Service, on_delete=models.CASCADE, related_name="+", db_index=False, db_constraint=False
    )
    step_type = models.ForeignKey(
        StepType,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        db_index=False,
        db_constraint=False,
    )
    queue_position = models.PositiveIntegerField()  # 1 = next in its service's queue
    likely_by_day = models.IntegerField()  # p50
    most_by_day = models.IntegerField()  # p80
    # The day the standard runs out if nothing more pauses the clock; null without a standard.
    deadline_day = models.IntegerField(null=True, blank=True)
    at_risk = models.BooleanField(default=False)  # likely decided after the deadline
    # The data does not reach this case's p80 (too few cases this old were at risk):
    # most_by_day is then a lower bound, shown as "more than N months".
    open_ended = models.BooleanField(default=False)
    as_of_day = models.IntegerField()

    class Meta:
        indexes = [
            models.Index(fields=["at_risk", "service", "deadline_day"], name="std_forecast_risk"),
        ]
        verbose_name = _("case forecast")
        verbose_name_plural = _("case forecasts")

    def __str__(self) -> str:
        return f"forecast of case {self.case_id}"
