from django.db import models
from django.utils.translation import gettext_lazy as _


class StandardsSnapshot(models.Model):
    """Every figure the dashboard, the public page and the API show, computed at one time.

    `data` is standards.figures.Figures as JSON; pages read the newest row and nothing else.
    """

    as_of = models.DateField()
    computed_at = models.DateTimeField()
    seconds = models.FloatField()  # how long the refresh took
    data = models.JSONField()

    class Meta:
        get_latest_by = "pk"
        permissions = [
            ("view_standards_dashboard", "Can view the service standards dashboard"),
            ("refresh_standards", "Can refresh the service standards figures"),
        ]
        verbose_name = _("standards snapshot")
        verbose_name_plural = _("standards snapshots")

    def __str__(self) -> str:
        return f"standards as of {self.as_of}"
