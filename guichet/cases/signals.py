"""Domain events of the cases module.

`case_changed` is sent only after the transaction that caused it commits: for listeners that
may fail or be slow without harming the change. `case_changed_in_transaction` is sent inside
the transaction, after the change is written: for listeners that must commit or roll back with
it, such as the notifications outbox (a message is never lost nor sent for a change that did
not happen). Both carry case_id, sequence (the event number) and kind (received, step, decided).
"""

from django.dispatch import Signal

case_changed = Signal()
case_changed_in_transaction = Signal()
