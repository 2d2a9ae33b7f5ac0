"""Reads for the staff screens: a case file with its client, and the staff timeline."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import override

from guichet.cases.models import Case, CaseEvent, Decision, EventKind
from guichet.catalogue.models import StepState
from guichet.catalogue.selectors import catalogue_get


@dataclass(frozen=True)
class TimelineEntry:
    """One change to a case as staff see it: when, who, what moved, and any note."""

    sequence: int
    at: dt.datetime
    actor: str  # the username; "" when the change was not made by a signed-in person
    kind: str
    kind_label: str
    step_name: str
    old_state: str
    old_state_label: str
    new_state: str
    new_state_label: str
    decision: str
    decision_label: str
    note: str


def case_file_get(*, case_id: int) -> Case | None:
    """The case with its client and service (one query), or None."""
    return Case.objects.select_related("client", "service").filter(pk=case_id).first()


def case_timeline_get(*, case_id: int, language: str) -> list[TimelineEntry]:
    """Every event of the case, newest first (one query, whatever the history's length)."""
    catalogue = catalogue_get()
    rows = (
        CaseEvent.objects.filter(case_id=case_id)
        .order_by("-sequence")
        .values_list(
            "sequence",
            "at",
            "kind",
            "step_type_id",
            "old_state",
            "new_state",
            "decision",
            "client_note",
            "actor__username",
        )
    )
    entries = []
    with override(language):
        for sequence, at, kind, step_type_id, old, new, decision, note, username in rows:
            step = catalogue.step_types.get(step_type_id) if step_type_id else None
            entries.append(
                TimelineEntry(
                    sequence=sequence,
                    at=at,
                    actor=username or "",
                    kind=kind,
                    kind_label=str(EventKind(kind).label),
                    step_name=step.name(language) if step else "",
                    old_state=old,
                    old_state_label=str(StepState(old).label) if old else "",
                    new_state=new,
                    new_state_label=str(StepState(new).label) if new else "",
                    decision=decision,
                    decision_label=str(Decision(decision).label) if decision else "",
                    note=note,
                )
            )
    return entries
