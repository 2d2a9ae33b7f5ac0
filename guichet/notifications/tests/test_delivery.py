"""The send task: attempts recorded, retries classified, fallback, caps, rate limit, recovery."""

import datetime as dt

import pytest
from django_tasks_db.models import DBTaskResult

from guichet.notifications.models import Notification, NotificationAttempt
from guichet.notifications.services import delivery, suppression_add
from guichet.notifications.tests.conftest import queue, ready_tasks, tasks_run
from guichet.notifications.tests.notify_stub import Behaviour
from guichet.testing.factories import case_make, client_make

pytestmark = pytest.mark.django_db


def reload(notification: Notification) -> Notification:
    return Notification.objects.get(pk=notification.pk)


def pending_tasks() -> int:
    return DBTaskResult.objects.filter(status="READY").count()


def test_sent_through_the_file_provider_with_its_attempt_recorded(settings):
    notification = queue(channel="email", recipient="marie@example.ca", language="fr")
    assert tasks_run() == ["sent"]
    notification = reload(notification)
    assert notification.status == "sent" and notification.attempts == 1
    assert notification.provider == "file"
    assert notification.provider_id == f"file-{notification.reference}"
    attempt = NotificationAttempt.objects.get(notification=notification)
    assert (attempt.number, attempt.outcome, attempt.provider_id) == (
        1,
        "sent",
        notification.provider_id,
    )
    assert list(settings.NOTIFY_OUTBOX_DIR.glob(f"*{notification.reference}.txt"))
    assert pending_tasks() == 0  # the guard went with it


def test_sent_through_gc_notify(notify_stub):
    notification = queue(channel="sms", language="fr")
    assert tasks_run() == ["sent"]
    notification = reload(notification)
    assert notification.provider == "gc_notify"
    assert notify_stub.by_reference[notification.reference] == 1
    request = notify_stub.requests[0]["body"]
    assert request["reference"] == notification.reference
    assert request["personalisation"] == notification.context
    assert notification.provider_id and notification.provider_id != notification.reference


@pytest.mark.parametrize("status", [429, 500, 502, 503, 504])
def test_transient_errors_are_retried_later_with_back_off(notify_stub, clock, status):
    notify_stub.script.append(Behaviour(status=status))
    notification = queue()
    assert tasks_run() == ["deferred"]
    notification = reload(notification)
    assert notification.status == "queued" and notification.attempts == 1
    delay = notification.next_attempt_at - clock.now()
    assert dt.timedelta(seconds=5) <= delay <= dt.timedelta(seconds=15)  # 5 s, jitter ≤ 5 s
    attempt = NotificationAttempt.objects.get(notification=notification)
    assert (attempt.outcome, attempt.http_status, attempt.error_class) == (
        "transient_error",
        status,
        f"http_{status}",
    )
    assert "GC Notify" in attempt.error_message
    assert tasks_run() == []  # nothing due yet
    clock.advance(seconds=16)
    assert tasks_run() == ["sent"]
    assert reload(notification).attempts == 2
    assert notify_stub.by_reference[notification.reference] == 2
    assert pending_tasks() == 0


def test_retry_after_is_honoured(notify_stub, clock):
    notify_stub.script.append(Behaviour(status=429, headers={"Retry-After": "120"}))
    notification = queue()
    tasks_run()
    assert reload(notification).next_attempt_at - clock.now() >= dt.timedelta(seconds=120)


def test_back_off_grows_and_stops_at_the_last_attempt(notify_stub, clock, settings):
    settings.NOTIFY_HTTP_TIMEOUT_SECONDS = 0.2
    notify_stub.default = Behaviour(hang_seconds=0.5)  # hangs on every call
    notification = queue()
    delays = []
    for _ in range(settings.NOTIFY_MAX_ATTEMPTS):
        tasks_run()
        current = reload(notification)
        if current.next_attempt_at:
            delays.append((current.next_attempt_at - clock.now()).total_seconds())
            clock.advance(seconds=delays[-1] + 1)
    notification = reload(notification)
    assert notification.status == "failed"
    assert notification.attempts == settings.NOTIFY_MAX_ATTEMPTS
    assert delays[0] < delays[1] < delays[2]
    attempts = list(NotificationAttempt.objects.filter(notification=notification))
    assert [a.error_class for a in attempts] == ["timeout"] * settings.NOTIFY_MAX_ATTEMPTS
    assert all("GC Notify did not answer within 0.2 s" in a.error_message for a in attempts)
    assert pending_tasks() == 0


def test_a_garbage_answer_is_retried_and_named(notify_stub, clock):
    notify_stub.script.append(Behaviour(status=200, body="<html>maintenance</html>"))
    notification = queue()
    tasks_run()
    attempt = NotificationAttempt.objects.get(notification=notification)
    assert attempt.error_class == "invalid_response"
    assert attempt.error_message == "GC Notify answered with something that is not JSON."
    clock.advance(minutes=1)
    assert tasks_run() == ["sent"]


@pytest.mark.parametrize("status", [400, 403, 404])
def test_other_client_errors_are_not_retried(notify_stub, status):
    notify_stub.script.append(Behaviour(status=status))
    notification = queue(channel="email", recipient="m@example.ca")
    assert tasks_run() == ["failed"]
    notification = reload(notification)
    assert notification.status == "failed" and notification.attempts == 1
    assert f"HTTP {status}" in notification.status_detail
    assert pending_tasks() == 0
    assert notify_stub.by_reference[notification.reference] == 1


def test_a_text_message_that_fails_for_good_falls_back_to_e_mail(notify_stub):
    case = case_make(client=client_make(email="marie@example.ca"))
    notify_stub.script.append(Behaviour(status=400))
    sms = queue(case_id=case.pk, client_id=case.client_id, language="fr")
    assert tasks_run() == ["failed", "sent"]
    fallback = Notification.objects.get(fallback_of=sms)
    assert (fallback.channel, fallback.recipient, fallback.language) == (
        "email",
        "marie@example.ca",
        "fr",
    )
    assert fallback.status == "sent" and fallback.context == sms.context
    assert fallback.subject.startswith("Nous avons reçu votre demande")


def test_no_fallback_when_an_e_mail_was_queued_already_or_there_is_no_address(notify_stub):
    case = case_make(client=client_make(email="marie@example.ca"))
    notify_stub.default = Behaviour(status=400)
    queue(case_id=case.pk, client_id=case.client_id, idempotency_key="a:sms")
    queue(
        case_id=case.pk,
        client_id=case.client_id,
        channel="email",
        recipient="marie@example.ca",
        idempotency_key="a:email",
    )
    other = case_make(client=client_make(email=""))
    queue(case_id=other.pk, client_id=other.client_id, idempotency_key="b:sms")
    tasks_run()
    assert Notification.objects.filter(fallback_of__isnull=False).count() == 0


def test_per_recipient_cap_defers_and_does_not_drop(settings, clock):
    settings.NOTIFY_SMS_PER_RECIPIENT_PER_HOUR = 3
    notifications = [queue(idempotency_key=f"cap:{i}") for i in range(5)]
    other = queue(recipient="+15145550199", idempotency_key="cap:other")
    results = tasks_run()
    assert results.count("sent") == 4 and results.count("deferred") == 2
    waiting = Notification.objects.filter(status="queued")
    assert {n.pk for n in waiting} <= {n.pk for n in notifications}
    assert reload(other).status == "sent"
    for notification in waiting:
        assert notification.next_attempt_at >= clock.now() + dt.timedelta(minutes=59)
        assert "hourly limit" in notification.status_detail
    clock.advance(minutes=61)
    assert tasks_run().count("sent") == 2
    assert Notification.objects.filter(status="sent").count() == 6


def test_rate_limit_gives_each_waiting_message_its_own_slot(settings, clock):
    settings.NOTIFY_RATE_LIMIT_PER_MINUTE = 60  # one a second
    settings.NOTIFY_RATE_LIMIT_BURST = 2
    for i in range(6):
        queue(channel="email", recipient=f"c{i}@example.ca", idempotency_key=f"rate:{i}")
    results = tasks_run()
    assert results.count("sent") == 2 and results.count("deferred") == 4
    slots = sorted(
        n.next_attempt_at - clock.now() for n in Notification.objects.filter(status="queued")
    )
    assert [round(s.total_seconds()) for s in slots] == [1, 2, 3, 4]
    clock.advance(seconds=2.2)
    assert tasks_run() == ["sent", "sent"]
    clock.advance(seconds=2)
    assert tasks_run() == ["sent", "sent"]
    assert Notification.objects.filter(status="sent").count() == 6


def test_the_rate_limit_is_shared_through_the_database(settings, clock):
    """Two workers see one bucket: what one took, the other cannot take again."""
    settings.NOTIFY_RATE_LIMIT_PER_MINUTE = 60
    settings.NOTIFY_RATE_LIMIT_BURST = 1
    queue(channel="email", recipient="a@example.ca", idempotency_key="r:1")
    queue(channel="email", recipient="b@example.ca", idempotency_key="r:2")
    from guichet.notifications.models import RateBucket

    assert tasks_run() == ["sent", "deferred"]
    bucket = RateBucket.objects.get(name="file")
    assert bucket.theoretical_arrival > clock.now()


def kill_during_send(notification: Notification) -> DBTaskResult:
    """What a SIGKILL during the provider call leaves behind: a running task, a live claim."""
    task = ready_tasks().first()
    task.claim("killed-worker")
    claim = delivery._claim(notification_id=notification.pk, task_id=str(task.pk))
    assert isinstance(claim, delivery.Claim)
    return task


def test_a_worker_killed_while_sending_is_replaced_by_the_guard(clock, settings):
    notification = queue(channel="email", recipient="m@example.ca")
    killed = kill_during_send(notification)
    assert reload(notification).status == "sending"
    assert tasks_run() == []  # the claim has not expired
    clock.advance(seconds=settings.NOTIFY_CLAIM_TIMEOUT_SECONDS + 2)
    assert tasks_run() == ["sent"]
    notification = reload(notification)
    assert notification.status == "sent" and notification.attempts == 2
    outcomes = list(
        NotificationAttempt.objects.filter(notification=notification).values_list(
            "number", "outcome"
        )
    )
    assert outcomes == [(1, "interrupted"), (2, "sent")]
    killed.refresh_from_db()
    assert killed.status == "FAILED"  # no longer shown as running for ever
    assert pending_tasks() == 0


def test_a_worker_killed_before_claiming_is_replaced_by_the_guard(clock, settings):
    notification = queue(channel="email", recipient="m@example.ca")
    ready_tasks().first().claim("killed-worker")  # running, then nothing
    assert tasks_run() == []
    clock.advance(seconds=settings.NOTIFY_CLAIM_TIMEOUT_SECONDS + 2)
    assert tasks_run() == ["sent"]
    assert reload(notification).attempts == 1


def test_a_late_task_finds_nothing_to_do(clock, settings):
    notification = queue(channel="email", recipient="m@example.ca")
    tasks_run()
    DBTaskResult.objects.create(
        args_kwargs={"args": [], "kwargs": {"notification_id": notification.pk}},
        task_path="guichet.notifications.tasks.notification_send",
        backend_name="default",
        run_after=clock.now(),
    )
    assert tasks_run() == ["done"]


def test_a_number_that_opts_out_after_queueing_gets_nothing(notify_stub):
    notification = queue()
    suppression_add(phone="+16135550100", source="keyword", keyword="STOP")
    assert tasks_run() == ["suppressed"]
    assert reload(notification).status == "suppressed"
    assert notify_stub.requests == []
    assert pending_tasks() == 0


def test_twilio_unsubscribed_answer_adds_the_number_to_the_suppression_list(settings):
    from guichet.notifications import providers
    from guichet.notifications.models import SmsSuppression
    from guichet.notifications.tests.test_providers import twilio

    settings.NOTIFY_SMS_PROVIDER = "twilio"
    provider, _http = twilio([(400, {"code": 21610, "message": "unsubscribed"})])
    providers.instances["twilio"] = provider
    notification = queue()
    assert tasks_run() == ["failed"]
    assert reload(notification).provider == "twilio"
    assert SmsSuppression.objects.get(phone="+16135550100").source == "provider"


def test_the_same_provider_id_twice_is_not_believed(notify_stub, clock, monkeypatch):
    from guichet.notifications.providers.gc_notify import GcNotifyProvider

    monkeypatch.setattr(GcNotifyProvider, "_send", lambda self, method, **kw: "always-the-same")
    first = queue(idempotency_key="x:1")
    second = queue(recipient="+15145550199", idempotency_key="x:2")
    assert tasks_run() == ["sent", "deferred"]
    assert reload(first).provider_id == "always-the-same"
    attempt = NotificationAttempt.objects.get(notification=second)
    assert attempt.error_class == "invalid_response"


def test_recover_re_enqueues_a_notification_that_lost_all_its_tasks(clock):
    from django.core.management import call_command

    notification = queue(channel="email", recipient="m@example.ca")
    finished = queue(channel="email", recipient="n@example.ca", idempotency_key="other")
    DBTaskResult.objects.filter(args_kwargs__kwargs__notification_id=finished.pk).delete()
    tasks_run()
    DBTaskResult.objects.all().delete()  # as if the task table had been lost
    call_command("notifications_recover")
    assert tasks_run() == ["sent"]
    assert reload(notification).status == "sent"
    from guichet.notifications.services import notifications_recover

    assert notifications_recover() == 0
