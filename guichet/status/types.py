"""The client-visible status of a case: what every channel renders."""

import datetime as dt
from dataclasses import dataclass


@dataclass(frozen=True)
class StepStatus:
    code: str
    name: str
    state: str
    state_label: str
    message: str
    updated_at: dt.datetime
    is_current: bool


@dataclass(frozen=True)
class HistoryEntry:
    at: dt.datetime
    kind: str
    step_code: str | None
    step_name: str | None
    state: str | None
    message: str
    note: str


@dataclass(frozen=True)
class DecisionStatus:
    outcome: str
    outcome_label: str
    decided_at: dt.datetime


@dataclass(frozen=True)
class DecisionEstimate:
    """When most applications like this one are decided (from guichet.standards)."""

    likely_by: dt.date  # p50 of the predicted decision date
    most_by: dt.date  # p80: "most applications like yours are decided by …"
    as_of: dt.date
    # The data does not reach this case's p80: most_by is a lower bound ("after …"), and no
    # channel may present it as a date by which the case will be decided.
    open_ended: bool = False

    @property
    def beyond_a_month(self) -> bool:
        return (self.most_by - self.as_of).days >= 30


@dataclass(frozen=True)
class CaseStatusView:
    case_id: int
    application_number: str
    language: str
    service_code: str
    service_name: str
    channel: str
    received_at: dt.datetime
    status: str  # "in_progress" or "decided"
    steps: list[StepStatus]
    history: list[HistoryEntry]  # oldest first
    decision: DecisionStatus | None
    last_changed_at: dt.datetime
    estimate: DecisionEstimate | None = None  # None until standards can say, or once decided

    @property
    def current_step(self) -> StepStatus | None:
        return next((s for s in self.steps if s.is_current), None)

    @property
    def action_required(self) -> list[StepStatus]:
        return [s for s in self.steps if s.state == "action_required"]
