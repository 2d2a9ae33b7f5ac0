from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class IdentityLinkConfig(AppConfig):
    name = "guichet.identity_link"
    label = "identity_link"
    verbose_name = _("Identity link")
