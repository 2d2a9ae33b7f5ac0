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
