from django.db import models
from django.utils.translation import gettext_lazy as _


class ThrottleHit(models.Model):
    """One counted attempt against one throttled subject (see guichet.accounts.throttle).

    `key` is a keyed hash of the subject (an address, an application number…), so the table
    holds no personal data in clear.
    """

    scope = models.CharField(max_length=30)
    key = models.CharField(max_length=64)
    # Milliseconds since 1970 (UTC): compared in raw SQL the same way on SQLite and PostgreSQL.
    at_ms = models.BigIntegerField()

    class Meta:
        indexes = [models.Index(fields=["scope", "key", "at_ms"], name="throttle_hit_idx")]
        verbose_name = _("throttled attempt")
        verbose_name_plural = _("throttled attempts")

    def __str__(self) -> str:
        return f"{self.scope} {self.at_ms}"
