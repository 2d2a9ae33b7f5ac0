from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy


class SuppressionSource(models.TextChoices):
    KEYWORD = "keyword", _("Reply from the client (STOP, ARRÊT, …)")
    PROVIDER = "provider", _("Reported by the provider")
    STAFF = "staff", pgettext_lazy("opt-out source", "Staff")


class SmsSuppression(models.Model):
    """A phone number that opted out of text messages. START makes it inactive again."""

    phone = models.CharField(max_length=20, unique=True)  # E.164
    active = models.BooleanField(default=True)
    source = models.CharField(max_length=10, choices=SuppressionSource.choices)
    keyword = models.CharField(max_length=20, blank=True)
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()

    class Meta:
        verbose_name = _("text-message opt-out")
        verbose_name_plural = _("text-message opt-outs")

    def __str__(self) -> str:
        return f"{'…' + self.phone[-4:]} {'active' if self.active else 'lifted'}"
