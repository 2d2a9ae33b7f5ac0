"""Batch claims (NOTIFY_CLAIM_BATCH): a send task that claimed its message claims more of the
same channel, due now, and sends them one by one, each recorded after its provider call. The
limits (opt-outs, the hourly cap per number, the provider's rate) hold as for single claims;
a worker lost in the middle of a batch leaves each claimed message to its guard."""

import datetime as dt
import uuid

import pytest
from django_tasks_db.models import DBTaskResult

from guichet.notifications.models import Notification, NotificationAttempt
from guichet.notifications.services import delivery, suppression_add
from guichet.notifications.tests.conftest import queue, tasks_run

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def batch(settings):
    settings.NOTIFY_CLAIM_BATCH = 10


def test_one_task_sends_the_batch_and_the_others_find_it_done(clock):
    for i in range(6):
        queue(channel="email", recipient=f"c{i}@example.ca", idempotency_key=f"b:{i}")
    results = tasks_run()
    assert results == ["sent"]  # the first task sent all six; the others were withdrawn
    assert set(Notification.objects.values_list("status", "attempts")) == {("sent", 1)}
    assert NotificationAttempt.objects.filter(outcome="sent").count() == 6
    assert not DBTaskResult.objects.filter(status="READY").exists()  # guards withdrawn


def test_a_batch_takes_one_text_per_number_and_keeps_the_hourly_cap(settings, clock):
    settings.NOTIFY_SMS_PER_RECIPIENT_PER_HOUR = 3
    mine = [queue(idempotency_key=f"cap:{i}") for i in range(5)]
    other = queue(recipient="+15145550199", idempotency_key="cap:other")
    tasks_run()
    to_me = Notification.objects.filter(pk__in=[n.pk for n in mine])
    assert to_me.filter(status="sent").count() == 3
    for waiting in to_me.filter(status="queued"):
        assert waiting.next_attempt_at >= clock.now() + dt.timedelta(minutes=59)
    assert Notification.objects.get(pk=other.pk).status == "sent"


def test_a_batch_stops_at_the_rate_limit_and_the_rest_get_their_slots(settings, clock):
    settings.NOTIFY_RATE_LIMIT_PER_MINUTE = 60  # one a second
    settings.NOTIFY_RATE_LIMIT_BURST = 2
    for i in range(6):
        queue(channel="email", recipient=f"c{i}@example.ca", idempotency_key=f"rate:{i}")
    tasks_run()
    assert Notification.objects.filter(status="sent").count() == 2
    slots = sorted(
        n.next_attempt_at - clock.now() for n in Notification.objects.filter(status="queued")
    )
    assert [round(s.total_seconds()) for s in slots] == [1, 2, 3, 4]


def test_a_batch_leaves_opted_out_numbers_to_their_own_task(clock):
    queue(recipient="+16135550100", idempotency_key="s:1")
    later = queue(recipient="+15145550199", idempotency_key="s:2")
    suppression_add(phone="+15145550199", source="keyword", keyword="STOP")
    tasks_run()
    assert Notification.objects.get(pk=later.pk).status == "suppressed"
    assert not NotificationAttempt.objects.filter(notification=later).exists()


def test_a_worker_lost_in_a_batch_leaves_each_message_to_its_guard(settings, clock):
    first = queue(channel="email", recipient="a@example.ca", idempotency_key="k:1")
    queue(channel="email", recipient="b@example.ca", idempotency_key="k:2")
    queue(channel="email", recipient="c@example.ca", idempotency_key="k:3")
    claim = delivery._claim(notification_id=first.pk, task_id=str(uuid.uuid4()))
    assert isinstance(claim, delivery.Claim)
    claimed = delivery._claim_more(claim)  # then the worker dies before sending any
    assert len(claimed) == 2
    assert set(Notification.objects.values_list("status", flat=True)) == {"sending"}
    clock.advance(seconds=settings.NOTIFY_CLAIM_TIMEOUT_SECONDS + 5)
    tasks_run()
    assert set(Notification.objects.values_list("status", "attempts")) == {("sent", 2)}
    assert NotificationAttempt.objects.filter(outcome="interrupted").count() == 3
    assert NotificationAttempt.objects.filter(outcome="sent").count() == 3


def test_the_batch_is_capped_to_end_before_its_claims_expire(settings):
    settings.NOTIFY_CLAIM_BATCH = 50
    settings.NOTIFY_CLAIM_TIMEOUT_SECONDS = 120
    settings.NOTIFY_HTTP_TIMEOUT_SECONDS = 10
    assert delivery.claim_batch_size() == 10  # 12 calls of 10 s fit in 120 s, less 2
    settings.NOTIFY_CLAIM_BATCH = 0
    assert delivery.claim_batch_size() == 0
