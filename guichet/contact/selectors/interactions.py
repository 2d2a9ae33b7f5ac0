"""Reading the one interaction log, for a case or a client, in the page language."""

import datetime as dt
from dataclasses import dataclass

from django.utils.translation import override

from guichet.contact.models import (
    ContactChannel,
    ContactOutcome,
    ContactReason,
    Direction,
    Interaction,
)

LOG_LIMIT = 100


@dataclass(frozen=True)
class InteractionRow:
    at: dt.datetime
    channel: str
    channel_label: str
    direction: str
    direction_label: str
    reason_label: str
    outcome: str
    outcome_label: str
    agent: str
    article: str
    summary: str
    enquiry_id: int | None
    ivr_session_id: int | None


def interaction_log(
    *,
    language: str,
    case_id: int | None = None,
    client_id: int | None = None,
    limit: int = LOG_LIMIT,
) -> list[InteractionRow]:
    """Every contact on this case (or with this client), newest first. One query."""
    if case_id is None and client_id is None:
        return []
    rows = Interaction.objects.select_related("agent", "kb_article").order_by("-at", "-id")
    rows = (
        rows.filter(case_id=case_id)
        if case_id is not None
        else rows.filter(client_id=int(client_id or 0))
    )
    entries = []
    with override(language):
        for row in rows[:limit]:
            entries.append(
                InteractionRow(
                    at=row.at,
                    channel=row.channel,
                    channel_label=str(ContactChannel(row.channel).label),
                    direction=row.direction,
                    direction_label=str(Direction(row.direction).label),
                    reason_label=str(ContactReason(row.reason).label),
                    outcome=row.outcome,
                    outcome_label=str(ContactOutcome(row.outcome).label),
                    agent=row.agent.get_username() if row.agent else "",
                    article=row.kb_article.title(language) if row.kb_article else "",
                    summary=row.summary,
                    enquiry_id=row.enquiry_id,
                    ivr_session_id=row.ivr_session_id,
                )
            )
    return entries
