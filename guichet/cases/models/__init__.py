from guichet.cases.models.case import AppliedFrom, Case, CaseStatus, Channel, Decision
from guichet.cases.models.event import CaseEvent, EventKind
from guichet.cases.models.step import CaseStep

__all__ = [
    "AppliedFrom",
    "Case",
    "CaseEvent",
    "CaseStatus",
    "CaseStep",
    "Channel",
    "Decision",
    "EventKind",
]
