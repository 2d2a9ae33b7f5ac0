"""Retention of the contact centre's records (issue 9, item 11): free text and phone data go,
the client's contact history (rows, dates, codes, case) stays."""

import datetime as dt

import pytest
from django.utils import timezone

from guichet.contact.models import Enquiry, Interaction, IvrRequestSeen, IvrSession
from guichet.contact.services.ivr_webhooks import ivr_request_first_seen
from guichet.contact.services.retention import contact_purge
from guichet.testing.factories import case_make

pytestmark = pytest.mark.django_db

NOW = timezone.now()


def _interaction(case, *, age: dt.timedelta, **extra) -> Interaction:
    return Interaction.objects.create(
        at=NOW - age,
        channel="phone",
        reason="status",
        outcome="resolved",
        case=case,
        client=case.client,
        summary="Called about the medical exam; lives at 12 rue des Érables.",
        **extra,
    )


def _enquiry(case, *, answered_age: dt.timedelta | None) -> Enquiry:
    return Enquiry.objects.create(
        client=case.client,
        case=case,
        language="fr",
        reason="status",
        question="Où en est ma demande\u00a0? Mon numéro est le 613-555-0100.",
        status="answered" if answered_age else "open",
        submitted_at=NOW - dt.timedelta(days=800),
        due_at=NOW - dt.timedelta(days=795),
        answer="Votre demande est en cours." if answered_age else "",
        answered_at=NOW - answered_age if answered_age else None,
    )


def _session(sid: str, *, age: dt.timedelta, **extra) -> IvrSession:
    return IvrSession.objects.create(
        call_sid=sid, started_at=NOW - age, updated_at=NOW - age, **extra
    )


def test_interaction_summaries_are_blanked_and_the_history_is_kept(settings):
    settings.RETENTION_INTERACTION_SUMMARY_DAYS = 730
    case = case_make()
    old = _interaction(case, age=dt.timedelta(days=731))
    recent = _interaction(case, age=dt.timedelta(days=700))

    assert contact_purge(now=NOW)["interaction_summaries"] == 1

    old.refresh_from_db()
    recent.refresh_from_db()
    assert old.summary == ""
    assert (old.channel, old.reason, old.outcome, old.case_id) == (
        "phone",
        "status",
        "resolved",
        case.pk,
    )
    assert "Érables" in recent.summary


def test_enquiry_texts_are_blanked_after_the_answer_and_open_ones_are_kept(settings):
    settings.RETENTION_ENQUIRY_TEXT_DAYS = 730
    case = case_make()
    old = _enquiry(case, answered_age=dt.timedelta(days=731))
    recent = _enquiry(case, answered_age=dt.timedelta(days=10))
    still_open = _enquiry(case, answered_age=None)

    assert contact_purge(now=NOW)["enquiry_texts"] == 1

    for enquiry in (old, recent, still_open):
        enquiry.refresh_from_db()
    assert old.question == "" and old.answer == "" and old.status == "answered"
    assert old.answered_at is not None
    assert "613-555-0100" in recent.question and recent.answer
    assert "613-555-0100" in still_open.question


def test_phone_sessions_lose_keyed_digits_then_go_and_their_interaction_stays(settings):
    settings.RETENTION_IVR_KEYED_MINUTES = 60
    settings.RETENTION_IVR_SESSION_DAYS = 90
    case = case_make()
    dropped = _session(
        "CA-dropped", age=dt.timedelta(hours=2), number_keyed="123456789", name_keyed="873"
    )
    live = _session("CA-live", age=dt.timedelta(minutes=5), number_keyed="987654321")
    old = _session("CA-old", age=dt.timedelta(days=91), case=case)
    logged = _interaction(case, age=dt.timedelta(days=91), ivr_session=old)

    counts = contact_purge(now=NOW)

    assert counts["ivr_keyed_digits"] == 1
    assert counts["ivr_sessions"] == 1
    dropped.refresh_from_db()
    live.refresh_from_db()
    assert dropped.number_keyed == "" and dropped.name_keyed == ""
    assert live.number_keyed == "987654321"
    assert not IvrSession.objects.filter(pk=old.pk).exists()
    logged.refresh_from_db()
    assert logged.ivr_session_id is None and logged.case_id == case.pk


def test_the_replay_guard_keeps_digests_for_its_period_then_the_purge_deletes_them(settings):
    settings.RETENTION_IVR_REPLAY_GUARD_HOURS = 24
    old = IvrRequestSeen.objects.create(digest="a" * 64, seen_at=NOW - dt.timedelta(hours=25))
    recent = IvrRequestSeen.objects.create(digest="b" * 64, seen_at=NOW - dt.timedelta(hours=23))
    # Answering a request deletes nothing (no write on the calls' path for old digests)...
    assert ivr_request_first_seen(signature="a new request")
    assert IvrRequestSeen.objects.filter(pk=old.pk).exists()

    counts = contact_purge(now=NOW)

    # ...the scheduled purge does, by the configured period.
    assert counts["ivr_replay_guard"] == 1
    assert not IvrRequestSeen.objects.filter(pk=old.pk).exists()
    assert IvrRequestSeen.objects.filter(pk=recent.pk).exists()
    assert contact_purge(now=NOW)["ivr_replay_guard"] == 0
    settings.RETENTION_IVR_REPLAY_GUARD_HOURS = 1
    assert contact_purge(now=NOW)["ivr_replay_guard"] == 1
    assert IvrRequestSeen.objects.count() == 1  # the request just answered


def test_a_replay_is_refused_until_its_digest_is_purged(settings):
    assert ivr_request_first_seen(signature="signed request")
    assert not ivr_request_first_seen(signature="signed request")
    settings.RETENTION_IVR_REPLAY_GUARD_HOURS = 24
    contact_purge(now=timezone.now() + dt.timedelta(hours=25))
    assert ivr_request_first_seen(signature="signed request")


def test_the_contact_purge_is_idempotent_and_batched(settings):
    settings.RETENTION_BATCH_SIZE = 2
    case = case_make()
    for _ in range(5):
        _interaction(case, age=dt.timedelta(days=1000))
    for n in range(3):
        _session(f"CA-{n}", age=dt.timedelta(days=100))
    first = contact_purge(now=NOW)
    assert first["interaction_summaries"] == 5 and first["ivr_sessions"] == 3
    assert set(contact_purge(now=NOW).values()) == {0}
    assert Interaction.objects.filter(case=case).count() == 5
