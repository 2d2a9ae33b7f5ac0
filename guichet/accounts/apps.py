from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    name = "guichet.accounts"
    label = "accounts"
    verbose_name = _("Client accounts")

    def ready(self) -> None:
        # Connects the case-change listener that queues update messages.
        from guichet.accounts import receivers  # noqa: F401
