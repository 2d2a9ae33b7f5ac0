from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.clients.models import Client


class OptOut(models.Model):
    """A client who asked not to be surveyed again: no invitation nor reminder after it."""

    client = models.OneToOneField(Client, on_delete=models.CASCADE, related_name="+")
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("survey opt-out")
        verbose_name_plural = _("survey opt-outs")

    def __str__(self) -> str:
        return f"opt-out {self.pk}"
