from django.db import models
from django.utils.translation import gettext_lazy as _


class ForecastSummary(models.Model):
    """What one forecast run found per service: the expected days for an application received
    today, why there is no forecast (if so), the throughput, and at-risk counts by step.

    Written with the CaseForecast rows it summarises, so the snapshot refresh reads a few
    hundred bytes instead of counting a million forecasts.
    """

    as_of = models.DateField()
    computed_at = models.DateTimeField()
    seconds = models.FloatField()
    data = models.JSONField()

    class Meta:
        get_latest_by = "pk"
        verbose_name = _("forecast summary")
        verbose_name_plural = _("forecast summaries")

    def __str__(self) -> str:
        return f"forecasts as of {self.as_of}"
