from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StandardsConfig(AppConfig):
    name = "guichet.standards"
    label = "standards"
    verbose_name = _("Service standards")

    def ready(self) -> None:
        from guichet.cases.signals import case_changed_in_transaction
        from guichet.standards.clocks import clock_on_case_changed

        # In the transaction: a case's clock row commits or rolls back with the change itself.
        case_changed_in_transaction.connect(
            clock_on_case_changed, dispatch_uid="standards.clock_on_case_changed"
        )
