"""The scheduled retention purge and its command (issue 9, item 11)."""

import datetime as dt
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.models import DBTaskResult

from guichet.contact.models import Interaction
from guichet.core.retention import retention_purge_all
from guichet.core.tasks import retention_purge_schedule, retention_purge_task
from guichet.notifications.models import Notification
from guichet.testing.factories import case_make

pytestmark = pytest.mark.django_db


def _old_rows() -> tuple[Notification, Interaction]:
    at = timezone.now() - dt.timedelta(days=3000)
    case = case_make()
    notification = Notification.objects.create(
        idempotency_key="retention-command-test",
        purpose="receipt_confirmation",
        channel="sms",
        language="en",
        recipient="+16135550100",
        body="Your application P123456782 was received.",
        status="delivered",
        created_at=at,
        updated_at=at,
        completed_at=at,
    )
    interaction = Interaction.objects.create(
        at=at, channel="phone", reason="status", outcome="resolved", case=case, summary="Notes"
    )
    return notification, interaction


def test_every_module_purge_runs_from_the_settings_list(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    counts = retention_purge_all()
    assert {
        "notification_links",
        "notification_bodies",
        "notification_recipients",
        "interaction_summaries",
        "enquiry_texts",
        "ivr_keyed_digits",
        "ivr_sessions",
        "abandoned_photos",
        "expired_sessions",
    } <= set(counts)


def test_the_command_purges_and_reports_counts_only(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    notification, interaction = _old_rows()
    out = StringIO()
    call_command("retention_purge", stdout=out)
    notification.refresh_from_db()
    interaction.refresh_from_db()
    assert notification.body == "" and notification.status == "delivered"
    assert interaction.summary == ""
    assert "notification_bodies: 1" in out.getvalue()
    assert "interaction_summaries: 1" in out.getvalue()
    assert "P123456782" not in out.getvalue()
    again = StringIO()
    call_command("retention_purge", stdout=again)
    assert "notification_bodies: 0" in again.getvalue()


def test_the_task_purges_and_schedules_one_next_run(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.RETENTION_PURGE_EVERY_HOURS = 24
    _old_rows()
    assert retention_purge_task.call(reschedule=False)["notification_bodies"] == 1
    assert retention_purge_schedule() is True
    assert retention_purge_schedule() is False  # one chain, however often it is started
    waiting = DBTaskResult.objects.filter(task_path=retention_purge_task.module_path)
    assert waiting.count() == 1
    run_after = waiting.get().run_after
    assert run_after is not None
    assert dt.timedelta(hours=23) < run_after - timezone.now() <= dt.timedelta(hours=24)


def test_expired_sessions_are_deleted_with_what_their_forms_held(settings):
    from django.contrib.sessions.backends.db import SessionStore
    from django.contrib.sessions.models import Session

    from guichet.core.services import sessions_purge

    settings.RETENTION_BATCH_SIZE = 2
    now = timezone.now()
    expired = []
    for _ in range(3):
        store = SessionStore()
        store["pr_card"] = {"family_name": "Tremblay", "date_of_birth": "1985-03-14"}
        store.create()
        expired.append(store.session_key)
    live = SessionStore()
    live["pr_card"] = {"family_name": "Gagnon"}
    live.create()
    Session.objects.filter(pk__in=expired).update(expire_date=now - dt.timedelta(minutes=1))

    assert sessions_purge(now=now) == {"expired_sessions": 3}
    assert list(Session.objects.values_list("pk", flat=True)) == [live.session_key]
    assert sessions_purge(now=now) == {"expired_sessions": 0}
    assert "expired_sessions" in retention_purge_all(now=now)
