"""An agent takes a call the phone line handed over."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from guichet.contact.models import Interaction, IvrSession, IvrStage
from guichet.core import clock
from guichet.core.audit import audit_record
from guichet.core.errors import Conflict, NotFound


@transaction.atomic
def call_take(*, agent: User, session_id: int) -> IvrSession:
    """Mark a handed-over call as taken by this agent (two agents cannot both take it)."""
    session = IvrSession.objects.select_for_update().filter(pk=session_id).first()
    if session is None or session.stage != IvrStage.TRANSFERRED:
        raise NotFound(_("This call is not waiting for an agent."), field="call")
    if session.taken_by_id is not None and session.taken_by_id != agent.pk:
        raise Conflict(_("Another agent has already taken this call."), field="call")
    if session.taken_by_id is None:
        session.taken_by, session.taken_at = agent, clock.now()
        session.save(update_fields=["taken_by", "taken_at"])
        Interaction.objects.filter(ivr_session=session).update(agent=agent)
    audit_record(
        actor=agent,
        action="view",
        target_type="case",
        target_id=session.case_id or "",
        detail=f"phone line call {session.pk} taken"
        + (" (identified by the phone line)" if session.verified else " (not identified)"),
    )
    return session
