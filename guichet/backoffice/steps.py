"""Which changes the case page offers an officer, step by step.

The services remain the judge (a crafted request is refused there); this only keeps the page
from offering a move that would be refused: the targets come from cases.transitions.ALLOWED.
"""

from dataclasses import dataclass

from guichet.cases.models import CaseStatus
from guichet.cases.services import DECISION_STEP
from guichet.cases.transitions import ALLOWED, MANDATORY_STEPS
from guichet.catalogue.models import StepState
from guichet.status.types import CaseStatusView, StepStatus


@dataclass(frozen=True)
class StepRow:
    step: StepStatus
    moves: list[tuple[str, str]]  # (state, label) offered by the "move this step" form
    documents: bool  # whether documents may be requested at this step


def step_rows(status: CaseStatusView) -> list[StepRow]:
    """Each step of the case with the moves an officer may make on it.

    Asking the client to act has its own form (it needs a note), so `action_required` is not
    among the moves, nor is "not applicable" on a mandatory step (MANDATORY_STEPS). The
    decision step is completed only by recording the decision. Once the case is decided, the
    steps up to and including the decision are settled.
    """
    codes = [step.code for step in status.steps]
    decision_index = codes.index(DECISION_STEP) if DECISION_STEP in codes else len(codes) - 1
    decided = status.status == CaseStatus.DECIDED
    rows = []
    for index, step in enumerate(status.steps):
        targets = set() if decided and index <= decision_index else ALLOWED[step.state]
        moves = [
            (state, str(label))
            for state, label in StepState.choices
            if state in targets
            and state != StepState.ACTION_REQUIRED
            and not (step.code == DECISION_STEP and state == StepState.COMPLETED)
            and not (step.code in MANDATORY_STEPS and state == StepState.NOT_APPLICABLE)
        ]
        rows.append(StepRow(step=step, moves=moves, documents=StepState.ACTION_REQUIRED in targets))
    return rows
