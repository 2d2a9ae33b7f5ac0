"""Retention of the outbox (issue 9, item 11): texts are blanked, rows and statuses kept."""

import datetime as dt
import itertools

import pytest
from django.contrib.auth.models import User
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import timezone

from guichet.notifications.models import Notification
from guichet.notifications.services.retention import notifications_purge
from guichet.testing.factories import staff_device_add

pytestmark = pytest.mark.django_db

NOW = timezone.now()
_keys = itertools.count()
LINK = "https://guichet.example.ca/compte/verifier/abc123-secret-token/"


def _notification(
    *,
    age: dt.timedelta,
    status: str = "delivered",
    purpose: str = "receipt_confirmation",
    completed: bool = True,
) -> Notification:
    at = NOW - age
    return Notification.objects.create(
        idempotency_key=f"retention-test:{next(_keys)}",
        purpose=purpose,
        channel="email",
        language="fr",
        recipient="marie@example.ca",
        context={"link": LINK, "application_number": "P123456782"},
        subject="Votre demande",
        body=f"Bonjour, votre lien\u00a0: {LINK}",
        status=status,
        created_at=at,
        updated_at=at,
        sent_at=at if status != "queued" else None,
        completed_at=at if completed and status != "queued" else None,
    )


def _blanked(notification: Notification) -> bool:
    notification.refresh_from_db()
    return (
        notification.body == ""
        and notification.subject == ""
        and notification.context == {}
        and notification.purged_at is not None
    )


def test_bodies_are_blanked_after_the_period_and_the_row_and_status_are_kept(settings):
    settings.RETENTION_NOTIFICATION_BODY_DAYS = 30
    old = _notification(age=dt.timedelta(days=31))
    failed = _notification(age=dt.timedelta(days=40), status="failed")
    sent_no_report = _notification(age=dt.timedelta(days=31), status="sent", completed=False)
    recent = _notification(age=dt.timedelta(days=29))

    counts = notifications_purge(now=NOW)

    assert counts["notification_bodies"] == 3
    assert _blanked(old) and _blanked(failed) and _blanked(sent_no_report)
    assert old.status == "delivered" and old.recipient and old.reference and old.purpose
    assert failed.status == "failed"
    recent.refresh_from_db()
    assert LINK in recent.body and recent.purged_at is None


def test_a_message_not_yet_sent_is_never_blanked(settings):
    settings.RETENTION_NOTIFICATION_BODY_DAYS = 30
    queued = _notification(age=dt.timedelta(days=90), status="queued")
    sending = _notification(age=dt.timedelta(days=90), status="sending", completed=False)
    notifications_purge(now=NOW)
    for notification in (queued, sending):
        notification.refresh_from_db()
        assert LINK in notification.body and notification.purged_at is None


def test_links_are_blanked_as_soon_as_they_expire(settings):
    settings.RETENTION_LINK_PURPOSES = {
        "account_password_reset": 60 * 60,
        "account_email_verification": 3 * 24 * 60 * 60,
    }
    expired_reset = _notification(age=dt.timedelta(hours=2), purpose="account_password_reset")
    live_reset = _notification(age=dt.timedelta(minutes=30), purpose="account_password_reset")
    live_verification = _notification(
        age=dt.timedelta(days=1), purpose="account_email_verification"
    )
    expired_verification = _notification(
        age=dt.timedelta(days=4), purpose="account_email_verification"
    )

    counts = notifications_purge(now=NOW)

    assert counts["notification_links"] == 2
    assert _blanked(expired_reset) and _blanked(expired_verification)
    assert not _blanked(live_reset) and not _blanked(live_verification)


def test_the_purge_is_idempotent_and_batched(settings, django_assert_max_num_queries):
    settings.RETENTION_BATCH_SIZE = 2
    rows = [_notification(age=dt.timedelta(days=60)) for _ in range(5)]
    first = notifications_purge(now=NOW)
    assert first["notification_bodies"] == 5
    assert all(_blanked(row) for row in rows)
    purged_at = {row.purged_at for row in rows}
    # Nothing left to do: one read per step, no write, and the first purge's date is kept.
    with django_assert_max_num_queries(3):
        again = notifications_purge(now=NOW + dt.timedelta(days=1))
    assert again == {
        "notification_links": 0,
        "notification_bodies": 0,
        "notification_recipients": 0,
    }
    for row in rows:
        row.refresh_from_db()
    assert {row.purged_at for row in rows} == purged_at


def test_recipients_are_masked_after_their_period_and_only_then(settings):
    settings.RETENTION_NOTIFICATION_RECIPIENT_DAYS = 30
    old_email = _notification(age=dt.timedelta(days=31))
    old_sms = _notification(age=dt.timedelta(days=45), status="failed")
    Notification.objects.filter(pk=old_sms.pk).update(channel="sms", recipient="+16135550123")
    recent = _notification(age=dt.timedelta(days=29))
    queued = _notification(age=dt.timedelta(days=90), status="queued")

    counts = notifications_purge(now=NOW)

    assert counts["notification_recipients"] == 2
    for row in (old_email, old_sms, recent, queued):
        row.refresh_from_db()
    # What staff already saw, and nothing that reaches the person.
    assert old_email.recipient == "m…@example.ca"
    assert old_sms.recipient == "…0123"
    assert old_sms.status == "failed" and old_sms.reference
    assert recent.recipient == "marie@example.ca"
    assert queued.recipient == "marie@example.ca"  # the worker still needs it

    again = notifications_purge(now=NOW + dt.timedelta(days=1))
    assert again["notification_recipients"] == 0
    old_email.refresh_from_db()
    assert old_email.recipient == "m…@example.ca"


def test_the_admin_never_shows_what_a_message_said():
    notification = _notification(age=dt.timedelta(days=1))
    http = HttpClient()
    root = User.objects.create_superuser("root", "root@example.ca", "a-long-pw-123")
    staff_device_add(root)  # two-step verification is required of every staff member
    http.force_login(root)
    change = http.get(reverse("admin:notifications_notification_change", args=[notification.pk]))
    listing = http.get(reverse("admin:notifications_notification_changelist"))
    assert change.status_code == 200 and listing.status_code == 200
    for response in (change, listing):
        page = response.content.decode()
        assert "abc123-secret-token" not in page
        assert "Votre demande" not in page
        assert "marie@example.ca" not in page
