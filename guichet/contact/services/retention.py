"""Retention of the contact centre's records: the client's contact history keeps its rows
(when, channel, reason, outcome, case), the free text and phone data go.

- Interaction summaries are blanked RETENTION_INTERACTION_SUMMARY_DAYS after the contact.
- Web enquiries: question and answer are blanked RETENTION_ENQUIRY_TEXT_DAYS after the
  answer (an open enquiry is never purged); the enquiry row, its dates and status stay.
- Phone self-service calls: keys (number, family name) left behind by a dropped call are
  cleared after RETENTION_IVR_KEYED_MINUTES; the call itself is deleted after
  RETENTION_IVR_SESSION_DAYS, its interaction kept (unlinked from it first, since that link
  would cascade).
- The replay guard's digests of answered phone-line requests are deleted after
  RETENTION_IVR_REPLAY_GUARD_HOURS (they hold no personal data, but would grow for ever).
Each step is batched and idempotent: a purged row no longer matches its filter.
"""

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.db.models import Q

from guichet.contact.models import (
    Enquiry,
    EnquiryStatus,
    Interaction,
    IvrRequestSeen,
    IvrSession,
)
from guichet.core.retention import batched_ids


def interaction_summaries_purge(*, now: dt.datetime) -> int:
    cutoff = now - dt.timedelta(days=settings.RETENTION_INTERACTION_SUMMARY_DAYS)
    total = 0
    for ids in batched_ids(Interaction.objects.filter(at__lt=cutoff).exclude(summary="")):
        with transaction.atomic():
            total += Interaction.objects.filter(pk__in=ids).update(summary="")
    return total


def enquiry_texts_purge(*, now: dt.datetime) -> int:
    cutoff = now - dt.timedelta(days=settings.RETENTION_ENQUIRY_TEXT_DAYS)
    due = Enquiry.objects.filter(status=EnquiryStatus.ANSWERED, answered_at__lt=cutoff).exclude(
        question="", answer=""
    )
    total = 0
    for ids in batched_ids(due):
        with transaction.atomic():
            total += Enquiry.objects.filter(pk__in=ids).update(question="", answer="")
    return total


def ivr_keyed_digits_purge(*, now: dt.datetime) -> int:
    cutoff = now - dt.timedelta(minutes=settings.RETENTION_IVR_KEYED_MINUTES)
    stale = IvrSession.objects.filter(updated_at__lt=cutoff).exclude(number_keyed="", name_keyed="")
    total = 0
    for ids in batched_ids(stale):
        with transaction.atomic():
            total += IvrSession.objects.filter(pk__in=ids).update(number_keyed="", name_keyed="")
    return total


def ivr_sessions_purge(*, now: dt.datetime) -> int:
    cutoff = now - dt.timedelta(days=settings.RETENTION_IVR_SESSION_DAYS)
    old = IvrSession.objects.filter(Q(started_at__lt=cutoff))
    total = 0
    for ids in batched_ids(old):
        with transaction.atomic():
            Interaction.objects.filter(ivr_session_id__in=ids).update(ivr_session=None)
            total += (
                IvrSession.objects.filter(pk__in=ids).delete()[1].get(IvrSession._meta.label, 0)
            )
    return total


def ivr_replay_guard_purge(*, now: dt.datetime) -> int:
    cutoff = now - dt.timedelta(hours=settings.RETENTION_IVR_REPLAY_GUARD_HOURS)
    total = 0
    for ids in batched_ids(IvrRequestSeen.objects.filter(seen_at__lt=cutoff)):
        with transaction.atomic():
            total += IvrRequestSeen.objects.filter(pk__in=ids).delete()[0]
    return total


def contact_purge(*, now: dt.datetime) -> dict[str, int]:
    """Every purge of the contact centre; returns how many rows each changed."""
    return {
        "interaction_summaries": interaction_summaries_purge(now=now),
        "enquiry_texts": enquiry_texts_purge(now=now),
        "ivr_keyed_digits": ivr_keyed_digits_purge(now=now),
        "ivr_sessions": ivr_sessions_purge(now=now),
        "ivr_replay_guard": ivr_replay_guard_purge(now=now),
    }
