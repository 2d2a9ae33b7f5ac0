"""Domain events of the cases module.

`case_changed` is sent only after the transaction that caused it commits: for listeners that
may fail or be slow without harming the change. `case_changed_in_transaction` is sent inside
the transaction, after the change is written: for listeners that must commit or roll back with
it, such as the notifications outbox (a message is never lost nor sent for a change that did
not happen). Both carry case_id, sequence (the event number) and kind (received, step, decided).

`case_changed_in_transaction` also carries `written`: for a case just received, the rows the
service has just inserted (a CaseWritten: the case, all its steps and all its events), so that
listeners build from them instead of reading them back; None for other changes, whose
listeners read what they need.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from django.dispatch import Signal

if TYPE_CHECKING:
    from guichet.cases.models import Case, CaseEvent, CaseStep


@dataclass(frozen=True)
class CaseWritten:
    """Every row of a case as its service has just written them: steps by position, events
    by sequence (the whole case, not a part: a listener may rely on it being complete)."""

    case: Case
    steps: list[CaseStep]
    events: list[CaseEvent]


case_changed = Signal()
case_changed_in_transaction = Signal()
