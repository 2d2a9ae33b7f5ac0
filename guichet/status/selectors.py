"""The one status selector: what a client may know about their case, in their language.

The web page, the API, the phone line, text messages and the agent desktop all render this
result, so they cannot disagree. It costs four queries whatever the length of the history
(case, steps, events, and the client's estimate while the case is open); the catalogue's names
and sentences come from a per-process cache.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case, CaseEvent, CaseStatus, CaseStep, Decision, EventKind
from guichet.cases.signals import CaseWritten
from guichet.catalogue.models import StepState
from guichet.catalogue.selectors import catalogue_get
from guichet.core.errors import NotFound
from guichet.standards.selectors import case_estimate_get
from guichet.status import messages
from guichet.status.types import (
    CaseStatusView,
    DecisionEstimate,
    DecisionStatus,
    HistoryEntry,
    StepStatus,
)

LANGUAGES = ("en", "fr")


CASE_FIELDS = (
    "id",
    "application_number",
    "service_id",
    "channel",
    "received_at",
    "status",
    "decision",
    "decided_at",
    "updated_at",
)
STEP_FIELDS = ("step_type_id", "state", "updated_at")
EVENT_FIELDS = ("at", "kind", "step_type_id", "new_state", "decision", "client_note")


@dataclass(frozen=True)
class CaseRows:
    """What a status is made of, as read from the database: the case, its steps in order and
    its events oldest first (rows of STEP_FIELDS and EVENT_FIELDS)."""

    case: Case
    steps: list[tuple[Any, ...]]
    events: list[tuple[Any, ...]]


def case_rows_get(*, case_id: int) -> CaseRows:
    """The rows of one case's status (three queries). Raises NotFound for an unknown id."""
    case = Case.objects.only(*CASE_FIELDS).filter(pk=case_id).first()
    if case is None:
        raise NotFound(_("This case does not exist."), field="case")
    steps = list(
        CaseStep.objects.filter(case_id=case.pk).order_by("position").values_list(*STEP_FIELDS)
    )
    events = list(
        CaseEvent.objects.filter(case_id=case.pk).order_by("sequence").values_list(*EVENT_FIELDS)
    )
    return CaseRows(case=case, steps=steps, events=events)


def case_rows_of(written: CaseWritten) -> CaseRows:
    """The rows of a case its service has just written (cases.signals.CaseWritten: the whole
    case), as case_rows_get would read them back: the same fields, in the same order, with no
    query. tests/test_documents_new_case.py checks the two give the same document."""
    steps = sorted(written.steps, key=lambda step: step.position)
    events = sorted(written.events, key=lambda event: event.sequence)
    return CaseRows(
        case=written.case,
        steps=[tuple(getattr(step, name) for name in STEP_FIELDS) for step in steps],
        events=[tuple(getattr(event, name) for name in EVENT_FIELDS) for event in events],
    )


def case_status_get(*, case_id: int, language: str = "en") -> CaseStatusView:
    """The client-visible status of one case. Raises NotFound for an unknown id."""
    rows = case_rows_get(case_id=case_id)
    open_ = rows.case.status != CaseStatus.DECIDED or rows.case.decided_at is None
    estimate = case_estimate_get(case_id=case_id) if open_ else None
    return case_status_render(rows, language=language, estimate=estimate)


def case_status_render(
    rows: CaseRows, *, language: str, estimate: DecisionEstimate | None
) -> CaseStatusView:
    """The status made of these rows, in `language`: no query (the catalogue is cached).

    The one definition of a status: case_status_get renders what it reads with it, and the
    stored status documents (status.services.documents) are rendered with it too."""
    language = language if language in LANGUAGES else "en"
    case = rows.case
    catalogue = catalogue_get()
    service = catalogue.services[case.service_id]
    steps = rows.steps
    events = rows.events

    current = _current_position(steps) if case.status == CaseStatus.IN_PROGRESS else None
    step_views = []
    for position, (step_type_id, state, updated_at) in enumerate(steps, start=1):
        step_type = catalogue.step_types[step_type_id]
        step_views.append(
            StepStatus(
                code=step_type.code,
                name=step_type.name(language),
                state=state,
                state_label=messages.text(StepState(state).label, language),
                message=step_type.message(state, language),
                updated_at=updated_at,
                is_current=position == current,
            )
        )

    history = []
    for at, kind, step_type_id, new_state, outcome, note in events:
        if kind == EventKind.STEP:
            step_type = catalogue.step_types[step_type_id]
            history.append(
                HistoryEntry(
                    at=at,
                    kind=kind,
                    step_code=step_type.code,
                    step_name=step_type.name(language),
                    state=new_state,
                    message=step_type.message(new_state, language),
                    note=note,
                )
            )
        else:
            if kind == EventKind.RECEIVED:
                message = messages.RECEIVED
            elif kind == EventKind.DECIDED:
                message = messages.DECISIONS[Decision(outcome)]
            else:
                message = messages.NOTES[EventKind(kind)]
            noted = catalogue.step_types[step_type_id] if step_type_id else None
            history.append(
                HistoryEntry(
                    at=at,
                    kind=kind,
                    step_code=noted.code if noted else None,
                    step_name=noted.name(language) if noted else None,
                    state=None,
                    message=messages.text(message, language),
                    note=note,
                )
            )

    decision: DecisionStatus | None = None
    if case.status == CaseStatus.DECIDED and case.decided_at is not None:
        decision = DecisionStatus(
            outcome=case.decision,
            outcome_label=messages.text(Decision(case.decision).label, language),
            decided_at=case.decided_at,
        )
    return CaseStatusView(
        case_id=case.pk,
        application_number=case.application_number,
        language=language,
        service_code=service.code,
        service_name=service.name(language),
        channel=case.channel,
        received_at=case.received_at,
        status=case.status,
        steps=step_views,
        history=history,
        decision=decision,
        last_changed_at=case.updated_at,
        estimate=estimate if decision is None else None,
    )


def _current_position(steps: Sequence[tuple[int, str, object]]) -> int | None:
    """The step the client is waiting on: the first one asking for action, else the first
    in progress, else the first not yet started."""
    for wanted in (StepState.ACTION_REQUIRED, StepState.IN_PROGRESS, StepState.NOT_STARTED):
        for position, (_id, state, _at) in enumerate(steps, start=1):
            if state == wanted:
                return position
    return None
