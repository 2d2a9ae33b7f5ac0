from django.db import models
from django.utils.translation import gettext_lazy as _


class Firm(models.Model):
    """A group of representatives working together (a law firm, a consultancy). Belonging to
    a firm gives no access: each representative sees only the cases a client consented to."""

    name = models.CharField(_("firm name"), max_length=150, unique=True)
    created_at = models.DateTimeField()

    class Meta:
        ordering = ["name"]
        verbose_name = _("firm")
        verbose_name_plural = _("firms")

    def __str__(self) -> str:
        return f"firm {self.pk}"
