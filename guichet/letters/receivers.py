"""What the letters module does when a case changes: the letter the change calls for."""

from typing import Any

from django.dispatch import receiver

from guichet.cases.models import CaseEvent, EventKind
from guichet.cases.signals import case_changed_in_transaction
from guichet.letters.services import letter_issue, letter_kind_for


@receiver(case_changed_in_transaction, dispatch_uid="letters.letter_issue")
def case_changed(sender: Any, *, case_id: int, sequence: int, kind: str, **kwargs: Any) -> None:
    """Inside the change's transaction: the letter commits or rolls back with its event."""
    new_state = note = ""
    if kind == EventKind.STEP:  # only a step waiting on the client, with a note, has a letter
        new_state, note = (
            CaseEvent.objects.filter(case_id=case_id, sequence=sequence)
            .values_list("new_state", "client_note")
            .get()
        )
    letter = letter_kind_for(kind=kind, new_state=new_state, client_note=note)
    if letter is not None:
        # A receipt is announced with its last event (the first step starting); the letter is
        # about the receipt itself, always event 1.
        event = 1 if kind == EventKind.RECEIVED else sequence
        letter_issue(case_id=case_id, kind=letter, event_sequence=event)
