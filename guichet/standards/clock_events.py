"""The typed registry of clock events: which case events start, pause, resume or stop the
service-standard clock.

The shape follows ministryofjustice/cla_backend's event registry: every kind of event a case
can record has a code, and the code says what it does to the clock. The clock starts when a
complete application is received, pauses while a step waits on the client (`action_required`),
resumes when the client has answered, and stops at the decision. Anything else a case records
leaves the clock alone. `clock_event_type_of` is the only place that reads a CaseEvent's fields
to decide; a test checks that every (kind, old state, new state) a case can record has a type.
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
    NONE = "none"


@dataclass(frozen=True)
class ClockEventType:
    code: str
    effect: ClockEffect
    description: Promise


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
        DECISION_RECORDED,
    )
}


def clock_event_type_of(kind: str, old_state: str = "", new_state: str = "") -> ClockEventType:
    """The clock event a CaseEvent is. Raises ValueError for a kind the registry does not know,
    so that a new kind of case event cannot silently leave the clock wrong."""
    if kind == EventKind.RECEIVED:
        return APPLICATION_RECEIVED
    if kind == EventKind.DECIDED:
        return DECISION_RECORDED
    if kind in (EventKind.DOCUMENTS, EventKind.DOCUMENTS_REFUSED):
        # The step stays waiting until an officer accepts what came (a step event resumes).
        return STEP_PROGRESSED
    if kind == EventKind.CONTACT:
        return STEP_PROGRESSED  # a new address moves nothing
    if kind == EventKind.STEP:
        waiting_before = old_state == StepState.ACTION_REQUIRED
        waiting_after = new_state == StepState.ACTION_REQUIRED
        if waiting_after and not waiting_before:
            return CLIENT_ACTION_REQUESTED
        if waiting_before and not waiting_after:
            return CLIENT_ACTION_RECEIVED
        return STEP_PROGRESSED
    raise ValueError(f"no clock event type for case event kind {kind!r}")
