from django.db import models
from django.utils.translation import gettext_lazy as _


class BacktestReport(models.Model):
    """One run of `standards_backtest --save`: per freeze date and scenario, how well the
    forecasts fitted then did against what happened (standards.backtest). The managers'
    dashboard shows the latest, so a forecast's track record is published with it."""

    computed_at = models.DateTimeField()
    data_until = models.DateField()
    data = models.JSONField()  # [BacktestResult.to_json(), …]

    class Meta:
        get_latest_by = "pk"
        verbose_name = _("forecast backtest")
        verbose_name_plural = _("forecast backtests")

    def __str__(self) -> str:
        return f"backtest of {self.computed_at:%Y-%m-%d}"
