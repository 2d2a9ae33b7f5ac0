"""notification_queue: the outbox contract the other modules rely on."""

import pytest
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from guichet.core.errors import GuichetError
from guichet.notifications.models import Notification, SmsSuppression
from guichet.notifications.services import notification_queue, suppression_add
from guichet.notifications.services.scheduling import DELAYED_PRIORITY
from guichet.notifications.tests.conftest import CONTEXT, queue
from guichet.testing.factories import case_make

pytestmark = pytest.mark.django_db


def test_queue_writes_the_row_the_task_and_its_guard():
    notification = queue(channel="sms", recipient="613-555-0100", language="fr")
    notification.refresh_from_db()
    assert notification.status == "queued"
    assert notification.recipient == "+16135550100"  # E.164
    assert "P123456782" in notification.body and notification.subject == ""
    assert len(notification.reference) == 32 and notification.reference.isalnum()
    tasks = DBTaskResult.objects.filter(task_path="guichet.notifications.tasks.notification_send")
    assert [t.args_kwargs["kwargs"] for t in tasks] == [{"notification_id": notification.pk}] * 2
    guard = tasks.get(pk=notification.guard_task_id)
    assert guard.priority == DELAYED_PRIORITY and guard.status == "READY"


def test_the_reference_says_nothing_about_the_person():
    notification = queue(recipient="+16135550100")
    assert "6135550100" not in notification.reference
    assert "P123456782" not in notification.reference


def test_same_idempotency_key_writes_nothing_new():
    first = queue(idempotency_key="paper-receipt:BC-1:sms")
    tasks = DBTaskResult.objects.count()
    again = notification_queue(
        purpose="receipt_confirmation",
        channel="sms",
        recipient="+16135550100",
        language="en",
        context=CONTEXT,
        idempotency_key="paper-receipt:BC-1:sms",
    )
    assert again is None
    assert Notification.objects.get() == first
    assert DBTaskResult.objects.count() == tasks


def test_rolled_back_caller_leaves_no_notification_and_no_task():
    class CallerFailed(Exception):
        pass

    with pytest.raises(CallerFailed), transaction.atomic():
        queue(idempotency_key="will-roll-back")
        assert Notification.objects.count() == 1
        raise CallerFailed
    assert Notification.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def test_committed_with_the_callers_change():
    with transaction.atomic():
        case = case_make()
        queue(case_id=case.pk, client_id=case.client_id, idempotency_key=f"case:{case.pk}")
    assert Notification.objects.filter(case_id=case.pk).count() == 1


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"purpose": "nope"}, "purpose"),
        ({"language": "es"}, "language"),
        ({"channel": "pigeon"}, "channel"),
        ({"context": {"application_number": "P123456782"}}, "context.service_name"),
        ({"context": {**CONTEXT, "extra": "x"}}, "context.extra"),
        ({"channel": "sms", "recipient": "12"}, "recipient"),
        ({"channel": "email", "recipient": "not-an-address"}, "recipient"),
        ({"recipient": ""}, "recipient"),
        ({"idempotency_key": "  "}, "idempotency_key"),
        ({"idempotency_key": "x" * 201}, "idempotency_key"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_written(overrides, field):
    with pytest.raises(GuichetError) as caught:
        queue(**overrides)
    assert caught.value.field == field
    assert Notification.objects.count() == 0
    assert DBTaskResult.objects.count() == 0


def test_a_suppressed_number_gets_a_suppressed_row_and_no_task():
    suppression_add(phone="+16135550100", source="keyword", keyword="STOP")
    notification = queue(channel="sms", recipient="(613) 555-0100")
    assert notification.status == "suppressed"
    assert "opted out" in notification.status_detail
    assert DBTaskResult.objects.count() == 0
    # E-mail to the same client still goes.
    assert queue(channel="email", recipient="a@example.ca").status == "queued"


def test_a_lifted_suppression_no_longer_applies():
    suppression_add(phone="+16135550100", source="keyword")
    SmsSuppression.objects.update(active=False)
    assert queue(channel="sms").status == "queued"


def _messages(key: str, *, phone: str = "+16135550100") -> list:
    from guichet.notifications.services import OutboxMessage

    return [
        OutboxMessage(
            purpose="receipt_confirmation",
            channel=channel,
            recipient=recipient,
            language="fr",
            context=dict(CONTEXT),
            idempotency_key=f"{key}:{channel}",
        )
        for channel, recipient in (("sms", phone), ("email", "client@example.ca"))
    ]


def test_queue_new_writes_each_message_with_its_task_and_named_guard():
    from guichet.notifications.services import notifications_queue_new

    sms, email = notifications_queue_new(messages=_messages("paper-receipt:1"))
    for notification in (sms, email):
        notification.refresh_from_db()
        assert notification.status == "queued" and notification.guard_task_id
        tasks = DBTaskResult.objects.filter(args_kwargs__kwargs__notification_id=notification.pk)
        assert tasks.count() == 2
        guard = tasks.get(pk=notification.guard_task_id)
        assert guard.priority == DELAYED_PRIORITY and guard.status == "READY"
        send = tasks.exclude(pk=notification.guard_task_id).get()
        assert send.run_after > guard.run_after  # "as soon as possible" is the far date
        assert send.task.func.__name__ == "notification_send"
    assert sms.recipient == "+16135550100" and "P123456782" in email.body


def test_queue_new_sends_no_text_to_an_opted_out_number():
    from guichet.notifications.services import notifications_queue_new

    suppression_add(phone="+16135550100", source="keyword", keyword="STOP")
    sms, email = notifications_queue_new(messages=_messages("paper-receipt:2"))
    assert sms.status == "suppressed" and not sms.guard_task_id
    assert email.status == "queued"
    assert not DBTaskResult.objects.filter(args_kwargs__kwargs__notification_id=sms.pk).exists()


def test_queue_new_checks_everything_before_writing_anything():
    from guichet.notifications.services import notifications_queue_new

    messages = _messages("paper-receipt:3", phone="not a number")
    with pytest.raises(GuichetError) as refused:
        notifications_queue_new(messages=messages)
    assert refused.value.field == "recipient"
    assert Notification.objects.count() == 0 and DBTaskResult.objects.count() == 0


def test_queue_new_fails_the_caller_on_a_key_used_before():
    from django.db import IntegrityError

    from guichet.notifications.services import notifications_queue_new

    notifications_queue_new(messages=_messages("paper-receipt:4"))
    with pytest.raises(IntegrityError), transaction.atomic():
        notifications_queue_new(messages=_messages("paper-receipt:4"))
    assert Notification.objects.count() == 2


def test_queue_new_messages_are_delivered_by_the_worker(settings):
    from guichet.notifications.services import notifications_queue_new
    from guichet.notifications.tests.conftest import tasks_run

    notifications_queue_new(messages=_messages("paper-receipt:5"))
    results = tasks_run()
    assert sorted(r for r in results if r != "done") == ["sent", "sent"]
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
    # The guards were withdrawn with the sending: nothing is left to run.
    assert not DBTaskResult.objects.filter(status="READY").exists()
