"""Shared fixtures: providers pointed at a temporary outbox, a clock that moves, a task runner."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from typing import Any

import pytest
from django.db.models import Q
from django.utils import timezone
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult, get_date_max

from guichet.core import clock as core_clock
from guichet.notifications import providers
from guichet.notifications.models import Notification
from guichet.notifications.services import notification_queue
from guichet.notifications.tests.notify_stub import NotifyStub

CONTEXT = {"application_number": "P123456782", "service_name": "Citizenship grant"}


@pytest.fixture(autouse=True)
def notify_settings(settings: Any, tmp_path: Any) -> Iterator[None]:
    settings.NOTIFY_SMS_PROVIDER = "file"
    settings.NOTIFY_EMAIL_PROVIDER = "file"
    settings.NOTIFY_OUTBOX_DIR = tmp_path / "outbox"
    settings.NOTIFY_RATE_LIMIT_PER_MINUTE = 900
    settings.NOTIFY_RATE_LIMIT_BURST = 0
    settings.NOTIFY_SMS_PER_RECIPIENT_PER_HOUR = 20
    settings.NOTIFY_MAX_ATTEMPTS = 4
    settings.NOTIFY_RETRY_BASE_SECONDS = 5
    settings.NOTIFY_RETRY_MAX_SECONDS = 900
    settings.NOTIFY_CLAIM_TIMEOUT_SECONDS = 60
    # One message per task, so that tests can count each task's result; the batch has its
    # own tests (test_batch.py), and the SIGKILL test's workers run with the default.
    settings.NOTIFY_CLAIM_BATCH = 0
    settings.NOTIFY_HTTP_TIMEOUT_SECONDS = 2
    settings.GC_NOTIFY_CALLBACK_TOKEN = "callback-token-for-tests"
    settings.TWILIO_AUTH_TOKEN = "twilio-token-for-tests"
    settings.TWILIO_WEBHOOK_BASE_URL = "https://guichet.example.ca"
    providers.instances.clear()
    yield
    providers.instances.clear()


class MovableClock:
    def __init__(self) -> None:
        self.at = timezone.now()

    def now(self) -> dt.datetime:
        return self.at

    def advance(self, **delta: float) -> dt.datetime:
        self.at += dt.timedelta(**delta)
        return self.at


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> MovableClock:
    movable = MovableClock()
    monkeypatch.setattr(core_clock, "now", movable.now)
    return movable


def ready_tasks() -> Any:
    """Tasks the worker would pick now (by Guichet's clock), in the worker's order; not the
    letters' renders, which every case received queues and these tests are not about."""
    return (
        DBTaskResult.objects.filter(status="READY")
        .filter(Q(run_after=get_date_max()) | Q(run_after__lte=core_clock.now()))
        .exclude(task_path__startswith="guichet.letters.")
    )


def tasks_run(limit: int = 500) -> list[Any]:
    """Run due tasks in this process, as `manage.py db_worker` would; return their results."""
    worker = Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="pytest",
        excluded_queue_names=[],
    )
    results = []
    for _ in range(limit):
        task = ready_tasks().first()
        if task is None:
            break
        task.claim("pytest")
        worker.run_task(task)
        task.refresh_from_db()
        assert task.status == "SUCCESSFUL", task.traceback
        results.append(task.return_value)
    return results


def queue(**overrides: Any) -> Notification:
    fields: dict[str, Any] = {
        "purpose": "receipt_confirmation",
        "channel": "sms",
        "recipient": "+16135550100",
        "language": "en",
        "context": dict(CONTEXT),
        "idempotency_key": f"test:{Notification.objects.count()}:{overrides}",
    }
    fields.update(overrides)
    notification = notification_queue(**fields)
    assert notification is not None
    return notification


@pytest.fixture
def notify_stub(settings: Any) -> Iterator[NotifyStub]:
    """A local GC Notify, with both channels sent through it."""
    with NotifyStub() as stub:
        settings.NOTIFY_SMS_PROVIDER = "gc_notify"
        settings.NOTIFY_EMAIL_PROVIDER = "gc_notify"
        settings.GC_NOTIFY_BASE_URL = stub.url
        settings.GC_NOTIFY_API_KEY = stub.api_key
        settings.GC_NOTIFY_TEMPLATES = dict(stub.templates)
        yield stub
