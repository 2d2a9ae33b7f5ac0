"""Writes of the phone line's dialogue (contact.ivr.flow decides; this keeps)."""

import datetime as dt

from guichet.contact.models import ContactOutcome, Interaction, IvrSession


def ivr_session_create(*, call_sid: str, now: dt.datetime) -> IvrSession:
    return IvrSession.objects.create(call_sid=call_sid, started_at=now, updated_at=now)


def ivr_session_save(session: IvrSession, *fields: str, now: dt.datetime) -> None:
    session.updated_at = now
    session.save(update_fields=[*fields, "updated_at"])


def ivr_interaction_update(*, session: IvrSession, **fields: object) -> None:
    """Set fields of the call's interaction (case, client, outcome)."""
    Interaction.objects.filter(ivr_session=session).update(**fields)


def ivr_interaction_abandon(*, session: IvrSession) -> None:
    """The caller hung up before anything was settled: an abandoned interaction."""
    Interaction.objects.filter(ivr_session=session, outcome=ContactOutcome.IN_PROGRESS).update(
        outcome=ContactOutcome.ABANDONED
    )
