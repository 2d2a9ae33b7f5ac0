from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.catalogue.models import Service


class SelfServiceSwitch(models.Model):
    """Whether the phone line reads the status of this service's cases by itself.

    A service without a row follows the settings (CONTACT_IVR_SELF_SERVICE_*).
    """

    service = models.OneToOneField(
        Service, on_delete=models.CASCADE, related_name="+", verbose_name=_("service")
    )
    enabled = models.BooleanField(_("self-service on"))
    changed_at = models.DateTimeField(_("changed"))
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        permissions = [
            ("switch_self_service", "Can switch phone self-service on or off for a service")
        ]
        verbose_name = _("self-service switch")
        verbose_name_plural = _("self-service switches")

    def __str__(self) -> str:
        return f"{self.service_id}: {'on' if self.enabled else 'off'}"
