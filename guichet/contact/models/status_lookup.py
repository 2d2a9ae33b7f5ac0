from django.db import models
from django.utils.translation import gettext_lazy as _


class StatusLookupDay(models.Model):
    """How many status look-ups the web and the API answered in a day (no case, no person: a
    counter), for digital take-up. The phone line's are its calls (IvrSession.status_heard_at),
    so that no call waits on this shared row."""

    class Channel(models.TextChoices):
        WEB = "web", _("Web")
        API = "api", _("API")

    day = models.DateField()
    channel = models.CharField(max_length=10, choices=Channel.choices)
    count = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["day", "channel"], name="status_lookup_day_channel")
        ]
        verbose_name = _("status look-ups in a day")
        verbose_name_plural = _("status look-ups by day")

    def __str__(self) -> str:
        return f"{self.day} {self.channel} {self.count}"
