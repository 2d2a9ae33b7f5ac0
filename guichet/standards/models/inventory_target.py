from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.catalogue.models import Service


class InventoryTarget(models.Model):
    """A target for a service's inventory: e.g. in-Canada spousal cases down 30% in 12 months.

    The baseline is the open inventory on `start_date` (from the snapshot's weekly trend when
    it is not given), and the target line runs straight from it to the reduced figure.
    """

    service = models.ForeignKey(Service, on_delete=models.CASCADE, related_name="+")
    reduction_share = models.DecimalField(max_digits=3, decimal_places=2)
    start_date = models.DateField()
    end_date = models.DateField()
    baseline_open = models.PositiveIntegerField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["service", "-start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(reduction_share__gt=0, reduction_share__lt=1),
                name="inventory_target_share_between_0_and_1",
            ),
            models.CheckConstraint(
                condition=models.Q(end_date__gt=models.F("start_date")),
                name="inventory_target_ends_after_start",
            ),
        ]
        verbose_name = _("inventory target")
        verbose_name_plural = _("inventory targets")

    def __str__(self) -> str:
        return f"{self.service_id}: -{self.reduction_share} by {self.end_date}"
