from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class StatusConfig(AppConfig):
    name = "guichet.status"
    label = "status"
    verbose_name = _("Case status")

    def ready(self) -> None:
        from guichet.cases.signals import case_changed_in_transaction
        from guichet.status.services import status_document_on_case_changed

        # In the transaction: a case's stored status commits or rolls back with the change.
        case_changed_in_transaction.connect(
            status_document_on_case_changed, dispatch_uid="status.document_on_case_changed"
        )
