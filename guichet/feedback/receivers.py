"""What the feedback module does when something happens elsewhere."""

from typing import Any

from django.dispatch import receiver

from guichet.cases.models import EventKind
from guichet.cases.signals import case_changed_in_transaction
from guichet.feedback.services import invitation_for_decision


@receiver(case_changed_in_transaction, dispatch_uid="feedback.invitation_for_decision")
def case_changed(sender: Any, *, case_id: int, sequence: int, kind: str, **kwargs: Any) -> None:
    """Inside the decision's transaction: invite the client (if sampled) to the survey."""
    if kind == EventKind.DECIDED:
        invitation_for_decision(case_id=case_id)
