from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatusConfig(AppConfig):
    name = "guichet.status"
    label = "status"
    verbose_name = _("Case status")
