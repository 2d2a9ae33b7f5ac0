from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LettersConfig(AppConfig):
    name = "guichet.letters"
    label = "letters"
    verbose_name = _("Letters and notices")

    def ready(self) -> None:
        from guichet.letters import receivers  # noqa: F401  (connects the signal receivers)
