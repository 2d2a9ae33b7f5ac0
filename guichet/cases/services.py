"""Every write to a case: receive it, move a step, decide it. One transaction each.

Each change appends a CaseEvent with the next sequence number while the case row is locked, so
two officers working on one case at the same moment cannot overwrite each other. Listeners hear
of the change through `case_changed` once the transaction has committed.
"""

import datetime as dt
from functools import partial

from django.contrib.auth.models import User as StaffUser
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import (
    AppliedFrom,
    Case,
    CaseEvent,
    CaseStatus,
    CaseStep,
    Channel,
    Decision,
    EventKind,
)
from guichet.cases.signals import CaseWritten, case_changed, case_changed_in_transaction
from guichet.cases.transitions import MANDATORY_STEPS, mandatory_check, transition_check
from guichet.catalogue.models import Service, StepState
from guichet.catalogue.selectors import catalogue_get, service_get
from guichet.clients.models import Client
from guichet.core import clock
from guichet.core.errors import IllegalTransition, InvalidInput, NotFound
from guichet.core.identifiers import ONLINE, PAPER, application_number_make, serial_random

DECISION_STEP = "final-decision"
# A clock a few minutes fast on a scanning station is not a date in the future.
CLOCK_SKEW = dt.timedelta(minutes=5)
CLOSED_STATES = (StepState.COMPLETED, StepState.NOT_APPLICABLE)

User = StaffUser | None


def _announce(case: Case, kind: str, written: CaseWritten | None = None) -> None:
    # Inside the transaction first (an exception here rolls the change back), then after commit.
    case_changed_in_transaction.send(
        sender=Case, case_id=case.pk, sequence=case.version, kind=kind, written=written
    )
    transaction.on_commit(
        partial(
            case_changed.send_robust,
            sender=Case,
            case_id=case.pk,
            sequence=case.version,
            kind=kind,
        )
    )


def _append_event(case: Case, *, at: dt.datetime, kind: str, actor: User, **fields: object) -> None:
    case.version += 1
    CaseEvent.objects.create(
        case=case, sequence=case.version, at=at, kind=kind, actor=actor, **fields
    )


def _locked(case_id: int) -> Case:
    try:
        return Case.objects.select_for_update().select_related("service").get(pk=case_id)
    except Case.DoesNotExist:
        raise NotFound(_("This case does not exist."), field="case") from None


def case_receive(
    *,
    client: Client,
    service_code: str,
    channel: str,
    received_at: dt.datetime | None = None,
    actor: User = None,
    applied_from: str = "",
) -> Case:
    """Register an application: issue its number, lay out its steps, start the first one.
    `applied_from` (inside or outside Canada) is kept for standards that depend on it."""
    service = service_get(code=service_code)
    if channel not in Channel.values:
        raise InvalidInput(_("The channel must be online or paper."), field="channel")
    if applied_from not in ("", *AppliedFrom.values):
        raise InvalidInput(
            _("Where the client applied from must be inside or outside Canada."),
            field="applied_from",
        )
    if not service.accepts(channel):
        message = (
            _("This service does not accept paper applications.")
            if channel == Channel.PAPER
            else _("This service does not accept online applications.")
        )
        raise InvalidInput(message, field="service_code")
    now = clock.now()
    # In UTC, as the database gives it back: the rows kept in memory for the listeners
    # (CaseWritten) then hold the very values a read would.
    received_at = received_at or now
    if received_at.tzinfo is not None:
        received_at = received_at.astimezone(dt.UTC)
    if received_at > now + CLOCK_SKEW:
        raise InvalidInput(_("The date of receipt cannot be in the future."), field="received_at")
    # Refusals come before the first write; the writes need no savepoint of their own: if one
    # fails, the caller's transaction (a mailroom receipt, an online form) fails with it.
    with transaction.atomic(savepoint=False):
        return _case_write(
            client=client,
            service=service,
            channel=channel,
            received_at=received_at,
            actor=actor,
            applied_from=applied_from,
        )


def _case_write(
    *,
    client: Client,
    service: Service,
    channel: str,
    received_at: dt.datetime,
    actor: User,
    applied_from: str = "",
) -> Case:
    letter = PAPER if channel == Channel.PAPER else ONLINE
    step_type_ids = catalogue_get().service_steps[service.pk]
    # updated_at is the time of the last event, and the events of a receipt carry its date.
    # The case is written with the version its two events give it, so it is written once.
    case = Case(
        service=service,
        client=client,
        channel=channel,
        received_at=received_at,
        applied_from=applied_from,
        updated_at=received_at,
        version=2,
    )
    for _attempt in range(10):
        case.serial = serial_random()
        case.application_number = application_number_make(letter, case.serial)
        try:
            with transaction.atomic():
                case.save()
            break
        except IntegrityError:
            case.pk = None
    else:  # pragma: no cover - would need 10 collisions in a 90-million space
        raise RuntimeError("could not issue a unique application number")

    steps = [
        CaseStep(
            case=case,
            step_type_id=step_type_id,
            position=position,
            state=StepState.IN_PROGRESS if position == 1 else StepState.NOT_STARTED,
            updated_at=received_at,
        )
        for position, step_type_id in enumerate(step_type_ids, start=1)
    ]
    CaseStep.objects.bulk_create(steps)
    events = [
        CaseEvent(case=case, sequence=1, at=received_at, kind=EventKind.RECEIVED, actor=actor),
        CaseEvent(
            case=case,
            sequence=2,
            at=received_at,
            kind=EventKind.STEP,
            actor=actor,
            step_type_id=step_type_ids[0],
            old_state=StepState.NOT_STARTED,
            new_state=StepState.IN_PROGRESS,
        ),
    ]
    CaseEvent.objects.bulk_create(events)
    # The listeners (clock, stored status) build from these rows instead of reading them back.
    _announce(case, EventKind.RECEIVED, CaseWritten(case=case, steps=steps, events=events))
    return case


def _decision_position(steps: list[CaseStep]) -> int:
    catalogue = catalogue_get()
    for step in steps:
        if catalogue.step_types[step.step_type_id].code == DECISION_STEP:
            return step.position
    return len(steps)


@transaction.atomic
def case_step_update(
    *,
    case_id: int,
    step_code: str,
    state: str,
    actor: User,
    client_note: str = "",
    at: dt.datetime | None = None,
) -> CaseStep:
    """Move one step to a new state, if the move is allowed; record it in the history."""
    case = _locked(case_id)
    step_type = catalogue_get().step_types_by_code.get(step_code)
    steps = list(case.steps.order_by("position"))
    step = next((s for s in steps if step_type and s.step_type_id == step_type.id), None)
    if step is None:
        raise NotFound(_("This case has no step “%(step)s”."), field="step", step=step_code)
    # After a decision only the steps that follow an approval (the oath ceremony) may move.
    if case.status == CaseStatus.DECIDED and (
        step.position <= _decision_position(steps) or case.decision != Decision.APPROVED
    ):
        raise IllegalTransition(
            _("This case has been decided: its steps can no longer change."), field="state"
        )
    if step_code == DECISION_STEP and state == StepState.COMPLETED:
        raise IllegalTransition(
            _("Record the decision to complete the final-decision step."), field="state"
        )
    transition_check(step.state, state)
    mandatory_check(step_code, state)
    if state == StepState.ACTION_REQUIRED and not client_note.strip():
        raise InvalidInput(
            _("Tell the client what they must do: the note is required."), field="client_note"
        )
    at = at or clock.now()
    old_state = step.state
    step.state, step.updated_at = state, at
    step.save(update_fields=["state", "updated_at"])
    _append_event(
        case,
        at=at,
        kind=EventKind.STEP,
        actor=actor,
        step_type_id=step.step_type_id,
        old_state=old_state,
        new_state=state,
        client_note=client_note.strip(),
    )
    case.updated_at = at
    case.save(update_fields=["version", "updated_at"])
    _announce(case, EventKind.STEP)
    return step


@transaction.atomic
def case_decide(
    *,
    case_id: int,
    outcome: str,
    actor: User,
    client_note: str = "",
    at: dt.datetime | None = None,
) -> Case:
    """Record the decision. Approval needs every earlier step closed; it closes the case."""
    case = _locked(case_id)
    if outcome not in Decision.values:
        raise InvalidInput(
            _("The decision must be approved, refused or withdrawn."), field="outcome"
        )
    if case.status == CaseStatus.DECIDED:
        raise IllegalTransition(_("This case has already been decided."), field="outcome")
    at = at or clock.now()
    if at < case.received_at:
        raise InvalidInput(_("A decision cannot come before the application."), field="decided_at")
    steps = list(case.steps.order_by("position"))
    decision_at = _decision_position(steps)
    before = [s for s in steps if s.position < decision_at]
    if outcome == Decision.APPROVED and any(s.state not in CLOSED_STATES for s in before):
        raise IllegalTransition(
            _("Every step before the decision must be completed before approval."),
            field="outcome",
        )
    step_types = catalogue_get().step_types
    if outcome == Decision.APPROVED and any(
        s.state != StepState.COMPLETED and step_types[s.step_type_id].code in MANDATORY_STEPS
        for s in before
    ):
        raise IllegalTransition(
            _("A mandatory step, such as the background check, must be completed before approval."),
            field="outcome",
        )
    # Refused or withdrawn: what was still open will not happen.
    for step in before:
        if step.state not in CLOSED_STATES:
            _close_step(case, step, StepState.NOT_APPLICABLE, at, actor)
    decision_step = next(s for s in steps if s.position == decision_at)
    _close_step(case, decision_step, StepState.COMPLETED, at, actor)
    case.status, case.decision, case.decided_at, case.updated_at = (
        CaseStatus.DECIDED,
        outcome,
        at,
        at,
    )
    _append_event(
        case,
        at=at,
        kind=EventKind.DECIDED,
        actor=actor,
        decision=outcome,
        client_note=client_note.strip(),
    )
    case.save(update_fields=["status", "decision", "decided_at", "updated_at", "version"])
    _announce(case, EventKind.DECIDED)
    return case


# Kinds of event that record something about a case without moving a step or deciding it.
NOTE_KINDS = frozenset(
    {EventKind.DOCUMENTS, EventKind.DOCUMENTS_REFUSED, EventKind.CONTACT, EventKind.APPOINTMENT}
)


@transaction.atomic
def case_note_record(
    *,
    case_id: int,
    kind: str,
    actor: User,
    client_note: str = "",
    step_code: str = "",
    at: dt.datetime | None = None,
) -> CaseEvent:
    """Append an event that moves nothing (documents received or refused, contact details
    changed) to the history.

    Followers hear of it like any other change; the note is what the client reads.
    """
    if kind not in NOTE_KINDS:
        raise InvalidInput(_("This kind of event cannot be recorded here."), field="kind")
    case = _locked(case_id)
    step_type = catalogue_get().step_types_by_code.get(step_code) if step_code else None
    if step_code and step_type is None:
        raise NotFound(_("This case has no step “%(step)s”."), field="step", step=step_code)
    at = at or clock.now()
    _append_event(
        case,
        at=at,
        kind=kind,
        actor=actor,
        step_type_id=step_type.id if step_type else None,
        client_note=client_note.strip(),
    )
    case.updated_at = at
    case.save(update_fields=["version", "updated_at"])
    _announce(case, kind)
    return CaseEvent.objects.get(case=case, sequence=case.version)


def _close_step(case: Case, step: CaseStep, state: str, at: dt.datetime, actor: User) -> None:
    old_state = step.state
    step.state, step.updated_at = state, at
    step.save(update_fields=["state", "updated_at"])
    _append_event(
        case,
        at=at,
        kind=EventKind.STEP,
        actor=actor,
        step_type_id=step.step_type_id,
        old_state=old_state,
        new_state=state,
    )
