from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ContactConfig(AppConfig):
    name = "guichet.contact"
    label = "contact"
    verbose_name = _("Contact centre")

    def ready(self) -> None:
        from guichet.contact import checks, receivers  # noqa: F401  (registers checks, receivers)
