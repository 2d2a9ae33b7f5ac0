"""What the accounts module does when something happens elsewhere."""

from typing import Any

from django.dispatch import receiver

from guichet.accounts.updates import case_update_notices_open
from guichet.cases.models import EventKind
from guichet.cases.signals import case_changed_in_transaction


@receiver(case_changed_in_transaction, dispatch_uid="accounts.case_update_notices_open")
def case_changed(sender: Any, *, case_id: int, sequence: int, kind: str, **kwargs: Any) -> None:
    """Inside the change's transaction: promise the clients following the case a message."""
    if kind == EventKind.RECEIVED:
        return  # a case just received is linked to no account yet
    if kind == EventKind.CONTACT:
        return  # the change of contact details has its own confirmation, to the old and new
    case_update_notices_open(case_id=case_id, sequence=sequence)
