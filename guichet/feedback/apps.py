from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeedbackConfig(AppConfig):
    name = "guichet.feedback"
    label = "feedback"
    verbose_name = _("Client feedback")

    def ready(self) -> None:
        from guichet.feedback import receivers  # noqa: F401  (connects the signal)
