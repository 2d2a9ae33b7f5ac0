"""Writing the one interaction log: contacts recorded by agents, follow-up messages, and the
counters of self-service look-ups. One transaction each; every agent write is audited in it."""

import atexit
import contextlib
import datetime as dt
import threading
import time
from collections import Counter

from django.conf import settings
from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case
from guichet.contact.models import (
    AGENT_CHANNELS,
    AGENT_OUTCOMES,
    ContactChannel,
    ContactOutcome,
    ContactReason,
    Direction,
    Interaction,
    KbArticle,
    StatusLookupDay,
)
from guichet.core import clock
from guichet.core.audit import audit_record
from guichet.core.errors import InvalidInput, NotFound
from guichet.notifications.services import notification_queue

SUMMARY_MAX = 2000
FOLLOW_UP_MAX = {"sms": 480, "email": 4000}
FOLLOW_UP_PURPOSE = "agent_follow_up"


def _case(case_id: int) -> Case:
    case = Case.objects.select_related("client", "service").filter(pk=case_id).first()
    if case is None:
        raise NotFound(_("This case does not exist."), field="case")
    return case


def _choice(value: str, allowed: tuple[str, ...] | list[str], field: str) -> str:
    if value not in allowed:
        messages = {
            "channel": _("Choose the channel of the contact."),
            "reason": _("Choose the reason for the contact."),
            "outcome": _("Choose the outcome of the contact."),
        }
        raise InvalidInput(messages[field], field=field)
    return value


def interaction_record(
    *,
    channel: str,
    reason: str,
    outcome: str,
    case: Case | None = None,
    client_id: int | None = None,
    agent: User | None = None,
    direction: str = Direction.INBOUND,
    kb_article_id: int | None = None,
    summary: str = "",
    at: dt.datetime | None = None,
    **links: object,
) -> Interaction:
    """Append one contact to the log (the lower-level write the other services share)."""
    _choice(channel, ContactChannel.values, "channel")
    _choice(reason, ContactReason.values, "reason")
    _choice(outcome, ContactOutcome.values, "outcome")
    interaction = Interaction(
        at=at or clock.now(),
        channel=channel,
        direction=direction,
        reason=reason,
        outcome=outcome,
        case=case,
        client_id=case.client_id if case is not None else client_id,
        agent=agent,
        kb_article_id=kb_article_id,
        summary=summary.strip()[:SUMMARY_MAX],
        **links,
    )
    interaction.save()
    return interaction


@transaction.atomic
def contact_record(
    *,
    agent: User,
    case_id: int,
    channel: str,
    reason: str,
    outcome: str,
    kb_article_id: int | None = None,
    summary: str = "",
    ivr_session_id: int | None = None,
) -> Interaction:
    """An agent records a contact they handled: channel, coded reason, outcome, article used."""
    case = _case(case_id)
    _choice(channel, AGENT_CHANNELS, "channel")
    _choice(reason, ContactReason.values, "reason")
    _choice(outcome, AGENT_OUTCOMES, "outcome")
    if kb_article_id is not None and not KbArticle.objects.filter(pk=kb_article_id).exists():
        raise InvalidInput(_("This help-centre article does not exist."), field="kb_article")
    if len(summary) > SUMMARY_MAX:
        raise InvalidInput(
            _("The summary is too long: at most %(max)s characters."),
            field="summary",
            max=SUMMARY_MAX,
        )
    interaction = interaction_record(
        channel=channel,
        reason=reason,
        outcome=outcome,
        case=case,
        agent=agent,
        kb_article_id=kb_article_id,
        summary=summary,
    )
    audit_record(
        actor=agent,
        action="create",
        target_type="case",
        target_id=case.pk,
        detail=f"contact recorded: {channel}, {reason}, {outcome}"
        + (f" (phone line call {ivr_session_id})" if ivr_session_id else ""),
    )
    return interaction


@transaction.atomic
def follow_up_send(*, agent: User, case_id: int, channel: str, message: str) -> Interaction:
    """Send the client a message written by an agent, through the outbox, and log it."""
    case = _case(case_id)
    if channel not in FOLLOW_UP_MAX:
        raise InvalidInput(_("Choose text message or e-mail."), field="follow_up_channel")
    text = " ".join(message.split()) if channel == "sms" else message.strip()
    if not text:
        raise InvalidInput(_("Write the message to send."), field="message")
    if len(text) > FOLLOW_UP_MAX[channel]:
        raise InvalidInput(
            _("The message is too long: at most %(max)s characters."),
            field="message",
            max=FOLLOW_UP_MAX[channel],
        )
    client = case.client
    recipient = client.phone if channel == "sms" else client.email
    if not recipient:
        message_missing = (
            _("The client has no mobile number on file.")
            if channel == "sms"
            else _("The client has no e-mail address on file.")
        )
        raise InvalidInput(message_missing, field="follow_up_channel")
    language = client.preferred_language if client.preferred_language in ("en", "fr") else "en"
    interaction = interaction_record(
        channel=channel,
        direction=Direction.OUTBOUND,
        reason=ContactReason.OTHER,
        outcome=ContactOutcome.SENT,
        case=case,
        agent=agent,
        summary=text,
    )
    notification_queue(
        purpose=FOLLOW_UP_PURPOSE,
        channel=channel,
        recipient=recipient,
        language=language,
        context={
            "application_number": case.application_number,
            "service_name": case.service.name(language),
            "message": text,
        },
        idempotency_key=f"agent-follow-up:{interaction.pk}",
        case_id=case.pk,
        client_id=client.pk,
    )
    audit_record(
        actor=agent,
        action="create",
        target_type="case",
        target_id=case.pk,
        detail=f"follow-up message queued by {channel}",
    )
    return interaction


# Look-ups are counted in memory and written in batches: one write per look-up made every
# answered look-up wait on the same hot row (measured: PostgreSQL fell from about 1,000 to 280
# look-ups a second). A process that dies loses at most one batch of a metric, never a status.
_pending: Counter[tuple[dt.date, str]] = Counter()
_pending_lock = threading.Lock()
_last_flush = [time.monotonic()]


def status_lookup_count(*, channel: str, at: dt.datetime | None = None) -> None:
    """Count one status look-up answered by self-service on the web or the API ("web", "api").

    For digital take-up: call it where a status is shown to a client. A counter, not a log
    line: it holds neither the case nor the person. Counts reach the database every
    CONTACT_LOOKUP_COUNT_BATCH look-ups or CONTACT_LOOKUP_COUNT_SECONDS, and at exit.
    """
    if channel not in StatusLookupDay.Channel.values:
        raise InvalidInput(_("Unknown self-service channel."), field="channel")
    day = clock.today() if at is None else at.date()
    with _pending_lock:
        _pending[(day, channel)] += 1
        due = (
            sum(_pending.values()) >= settings.CONTACT_LOOKUP_COUNT_BATCH
            or time.monotonic() - _last_flush[0] >= settings.CONTACT_LOOKUP_COUNT_SECONDS
        )
    if due:
        status_lookup_counts_flush()


def status_lookup_counts_flush() -> None:
    """Write the look-ups counted in this process so far."""
    with _pending_lock:
        counts = dict(_pending)
        _pending.clear()
        _last_flush[0] = time.monotonic()
    for (day, channel), count in counts.items():
        _status_lookup_add(day, channel, count)


def status_lookup_counts_forget() -> None:
    """Drop the counts not yet written (for tests: they belong to another test's world)."""
    with _pending_lock:
        _pending.clear()
        _last_flush[0] = time.monotonic()


def _status_lookup_add(day: dt.date, channel: str, count: int) -> None:
    rows = StatusLookupDay.objects.filter(day=day, channel=channel)
    if rows.update(count=F("count") + count):
        return
    try:
        with transaction.atomic():
            StatusLookupDay.objects.create(day=day, channel=channel, count=count)
    except IntegrityError:  # created by another process in the meantime
        rows.update(count=F("count") + count)


def _flush_at_exit() -> None:
    with contextlib.suppress(Exception):  # the database may already be gone at exit
        status_lookup_counts_flush()


atexit.register(_flush_at_exit)
