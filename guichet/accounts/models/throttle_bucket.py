from django.db import models
from django.utils.translation import gettext_lazy as _


class ThrottleBucket(models.Model):
    """The rate-limit state of one throttled source (an address, an account, a caller) or of
    one source on one application number (see guichet.accounts.throttle).

    `tat_ms` is the generic cell rate algorithm's theoretical arrival time: an attempt is
    allowed while ``max(tat, now) + step <= now + burst``, and moves it by `step`. `key` is a
    keyed hash: the table holds no personal data in clear.
    """

    scope = models.CharField(max_length=30)
    key = models.CharField(max_length=64)
    tat_ms = models.BigIntegerField()
    step_ms = models.BigIntegerField()
    burst_ms = models.BigIntegerField()
    # The latest clock reading that took from this bucket: an attempt that read the clock
    # earlier but reached the row later (a race) is judged at this time, not its own.
    seen_ms = models.BigIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["scope", "key"], name="throttle_bucket_unique")
        ]
        verbose_name = _("throttle bucket")
        verbose_name_plural = _("throttle buckets")

    def __str__(self) -> str:
        return f"{self.scope} {self.tat_ms}"
