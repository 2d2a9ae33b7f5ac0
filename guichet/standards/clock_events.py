"""The typed registry of clock events: which case events start, pause, resume or stop the
service-standard clock.

The shape follows ministryofjustice/cla_backend's event registry: every kind of event a case
can record has a code, and the code says what it does to the clock. The clock starts when a
complete application is received, pauses while a step waits on the client (`action_required`),
resumes when the client has answered, and stops at the decision.

"Complete" is decided by the completeness check (step `completeness-check`): an application
whose check is passed without ever asking the client for anything was complete on arrival, so
its clock runs from receipt (back-dated); one whose check asked the client for something
(`action_required`) was incomplete, so its clock starts again from zero on the day the check
is passed. A service without a completeness check starts its clock at receipt. Anything
else a case records leaves the clock alone. `clock_event_type_of` is the only place
that reads a CaseEvent's fields to decide; a test checks that every (kind, old state, new
state) a case can record has a type.
"""

from dataclasses import dataclass
from enum import StrEnum

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import EventKind
from guichet.catalogue.models import StepState


class ClockEffect(StrEnum):
    START = "start"
    PAUSE = "pause"
    RESUME = "resume"
    STOP = "stop"
    # The completeness check asks the client for something: a pause, and the application
    # was not complete on arrival (its clock will start when the check is passed).
    INCOMPLETE = "incomplete"
    # The completeness check is passed: the application is complete from now (or from
    # receipt, when it never was incomplete).
    COMPLETE = "complete"
    NONE = "none"


COMPLETENESS_CHECK = "completeness-check"


@dataclass(frozen=True)
class ClockEventType:
    code: str
    effect: ClockEffect
    description: Promise
    # A COMPLETE that also ends the check's own wait on the client (action_required → completed).
    resumes: bool = False


APPLICATION_RECEIVED = ClockEventType(
    "application_received", ClockEffect.START, _("A complete application was received.")
)
CLIENT_ACTION_REQUESTED = ClockEventType(
    "client_action_requested", ClockEffect.PAUSE, _("A step is waiting on the client.")
)
CLIENT_ACTION_RECEIVED = ClockEventType(
    "client_action_received", ClockEffect.RESUME, _("The client answered; the step moves on.")
)
STEP_PROGRESSED = ClockEventType(
    "step_progressed", ClockEffect.NONE, _("A step changed without waiting on the client.")
)
APPLICATION_INCOMPLETE = ClockEventType(
    "application_incomplete",
    ClockEffect.INCOMPLETE,
    _("The completeness check found the application incomplete and asked the client for more."),
)
APPLICATION_COMPLETE = ClockEventType(
    "application_complete",
    ClockEffect.COMPLETE,
    _("The completeness check was passed: the application is complete."),
)
APPLICATION_COMPLETED_BY_ANSWER = ClockEventType(
    "application_completed_by_answer",
    ClockEffect.COMPLETE,
    _("The client's answer completed the application: the completeness check was passed."),
    resumes=True,
)
DECISION_RECORDED = ClockEventType(
    "decision_recorded", ClockEffect.STOP, _("A decision was recorded.")
)

REGISTRY: dict[str, ClockEventType] = {
    event_type.code: event_type
    for event_type in (
        APPLICATION_RECEIVED,
        CLIENT_ACTION_REQUESTED,
        CLIENT_ACTION_RECEIVED,
        STEP_PROGRESSED,
        APPLICATION_INCOMPLETE,
        APPLICATION_COMPLETE,
        APPLICATION_COMPLETED_BY_ANSWER,
        DECISION_RECORDED,
    )
}


def clock_event_type_of(
    kind: str, old_state: str = "", new_state: str = "", step_code: str = ""
) -> ClockEventType:
    """The clock event a CaseEvent is (`step_code`: the code of its step type, if any). Raises
    ValueError for a kind the registry does not know, so that a new kind of case event cannot
    silently leave the clock wrong."""
    if kind == EventKind.RECEIVED:
        return APPLICATION_RECEIVED
    if kind == EventKind.DECIDED:
        return DECISION_RECORDED
    if kind in (EventKind.DOCUMENTS, EventKind.DOCUMENTS_REFUSED):
        # The step stays waiting until an officer accepts what came (a step event resumes).
        return STEP_PROGRESSED
    if kind in (EventKind.CONTACT, EventKind.APPOINTMENT):
        return STEP_PROGRESSED  # a new address or an appointment moves nothing
    if kind == EventKind.STEP:
        waiting_before = old_state == StepState.ACTION_REQUIRED
        waiting_after = new_state == StepState.ACTION_REQUIRED
        if step_code == COMPLETENESS_CHECK:
            if waiting_after and not waiting_before:
                return APPLICATION_INCOMPLETE
            if new_state == StepState.COMPLETED and old_state != StepState.COMPLETED:
                return APPLICATION_COMPLETED_BY_ANSWER if waiting_before else APPLICATION_COMPLETE
        if waiting_after and not waiting_before:
            return CLIENT_ACTION_REQUESTED
        if waiting_before and not waiting_after:
            return CLIENT_ACTION_RECEIVED
        return STEP_PROGRESSED
    raise ValueError(f"no clock event type for case event kind {kind!r}")
