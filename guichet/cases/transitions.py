"""The moves a case step may make. Anything not listed here is refused."""

from django.utils.translation import gettext_lazy as _

from guichet.catalogue.models import StepState as S
from guichet.core.errors import IllegalTransition

ALLOWED: dict[str, frozenset[str]] = {
    S.NOT_STARTED: frozenset({S.IN_PROGRESS, S.COMPLETED, S.NOT_APPLICABLE}),
    S.IN_PROGRESS: frozenset({S.ACTION_REQUIRED, S.COMPLETED, S.NOT_APPLICABLE}),
    # The client answered (back to in progress), or the answer settled the step at once.
    S.ACTION_REQUIRED: frozenset({S.IN_PROGRESS, S.COMPLETED, S.NOT_APPLICABLE}),
    # A completed step may be reopened (an expired medical exam, say); never silently.
    S.COMPLETED: frozenset({S.IN_PROGRESS, S.ACTION_REQUIRED}),
    S.NOT_APPLICABLE: frozenset({S.NOT_STARTED, S.IN_PROGRESS}),
}

# Steps no case may skip: an officer can never mark them "not applicable", and approval needs
# them completed. (A refusal or a withdrawal still closes them as not applicable: they will not
# happen.) Codes of catalogue step types.
MANDATORY_STEPS: frozenset[str] = frozenset({"background-check"})


def mandatory_check(step_code: str, new: str) -> None:
    """Raise IllegalTransition when `new` would skip a mandatory step."""
    if step_code in MANDATORY_STEPS and new == S.NOT_APPLICABLE:
        raise IllegalTransition(
            _("This step is mandatory: it cannot be marked not applicable."), field="state"
        )


def transition_check(old: str, new: str) -> None:
    """Raise IllegalTransition unless a step may go from `old` to `new`."""
    if new not in S.values:
        raise IllegalTransition(_("“%(state)s” is not a step state."), field="state", state=new)
    if new not in ALLOWED[old]:
        raise IllegalTransition(
            _("A step cannot go from “%(old)s” to “%(new)s”."),
            field="state",
            old=S(old).label,
            new=S(new).label,
        )
