from django.db import models
from django.utils.translation import gettext_lazy as _


class RateBucket(models.Model):
    """The rate limit of one provider, shared by every worker (locked while a claim is made).

    Generic cell rate algorithm: `theoretical_arrival` is when the next request would be due
    if requests went exactly at the limit; a request may go up to the burst tolerance early.
    """

    name = models.CharField(max_length=30, primary_key=True)
    theoretical_arrival = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("rate limit")
        verbose_name_plural = _("rate limits")

    def __str__(self) -> str:
        return self.name
