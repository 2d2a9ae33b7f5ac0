from django.db import models
from django.utils.translation import gettext_lazy as _

REVISION_ROW = 1


class CatalogueRevision(models.Model):
    """One row whose number goes up on every catalogue load (see catalogue.services).

    Each process caches the catalogue; it compares this number with the one it loaded (one
    cheap query, on a look-up miss and every CATALOGUE_CHECK_SECONDS) to learn that another
    process or a deploy changed the catalogue.
    """

    id = models.PositiveSmallIntegerField(primary_key=True, default=REVISION_ROW)
    number = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("catalogue revision")
        verbose_name_plural = _("catalogue revisions")

    def __str__(self) -> str:
        return str(self.number)
