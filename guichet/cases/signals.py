"""Domain events of the cases module. Sent only after the transaction that caused them commits."""

from django.dispatch import Signal

# Sent with case_id, sequence and kind ("received", "step", "decided").
case_changed = Signal()
