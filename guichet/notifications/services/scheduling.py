"""Putting notifications on the task queue so that none is ever left without a task to run it.

The worker (`manage.py db_worker`) marks a task as running before our code starts, and a worker
killed at any moment leaves that task marked running for ever. So a notification that is not
finished always has a second, later task, its *guard*: written in the same transaction as the
notification's state, it runs when the first task should long have finished (the claim timeout,
NOTIFY_CLAIM_TIMEOUT_SECONDS), finds the notification unfinished and takes it up again. Every
task that finds nothing to do simply returns; the guard is cancelled when the notification is
sent or given up. This needs a task backend that can run a task later (run_after): the
database backend can.

Tasks that run later go at a lower priority, so that retries, deferrals and guards never slow
the worker's look-up of the next new message.
"""

import datetime as dt
from typing import TYPE_CHECKING

from django.conf import settings

from guichet.core import clock
from guichet.notifications.models import Notification

if TYPE_CHECKING:
    from django_tasks_db.models import DBTaskResult

DELAYED_PRIORITY = -10
# A guard runs a little after the claim it watches has expired.
GUARD_MARGIN = dt.timedelta(seconds=1)


def claim_timeout() -> dt.timedelta:
    return dt.timedelta(seconds=float(settings.NOTIFY_CLAIM_TIMEOUT_SECONDS))


def task_enqueue(*, notification_id: int, at: dt.datetime | None) -> str:
    """Enqueue the send task, now or at `at`, in the current transaction; return its id."""
    from guichet.notifications.tasks import notification_send

    task = (
        notification_send
        if at is None
        else notification_send.using(run_after=at, priority=DELAYED_PRIORITY)
    )
    return str(task.enqueue(notification_id=notification_id).id)


def database_tasks() -> "type[DBTaskResult] | None":
    """The task table, when the default backend is the database backend (else None)."""
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks_db.backend import DatabaseBackend

    if not isinstance(task_backends[DEFAULT_TASK_BACKEND_ALIAS], DatabaseBackend):
        return None
    from django_tasks_db.models import DBTaskResult

    return DBTaskResult


def task_id_new() -> str | None:
    """A task id drawn the way the database backend draws it, before its row is written (so
    a notification can name its guard in its own INSERT); None for another backend."""
    if database_tasks() is None:
        return None
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks_db.backend import DatabaseBackend

    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    assert isinstance(backend, DatabaseBackend)
    return str(backend._get_id())


def tasks_enqueue_new(guards: dict[int, str]) -> None:
    """Enqueue, for each new notification (id: its guard's id from task_id_new), its send task
    (now) and its guard, all in one INSERT in the current transaction.

    The rows are the ones `Task.enqueue` writes (django_tasks_db builds them the same way, one
    INSERT each). Only with the database backend (task_id_new gave the ids)."""
    results = database_tasks()
    assert results is not None, "tasks_enqueue_new needs the database task backend"
    from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
    from django_tasks_db.backend import DatabaseBackend
    from django_tasks_db.models import get_date_max

    from guichet.notifications.tasks import notification_send

    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    assert isinstance(backend, DatabaseBackend)
    guard_at = clock.now() + claim_timeout() + GUARD_MARGIN
    send = notification_send
    guard = notification_send.using(run_after=guard_at, priority=DELAYED_PRIORITY)
    backend.validate_task(send)
    backend.validate_task(guard)
    rows: list[DBTaskResult] = []
    for notification_id, guard_id in guards.items():
        for task, task_id in ((send, backend._get_id()), (guard, guard_id)):
            rows.append(
                results(
                    id=task_id,
                    args_kwargs={"args": [], "kwargs": {"notification_id": notification_id}},
                    priority=task.priority,
                    task_path=task.module_path,
                    queue_name=task.queue_name,
                    # What the backend's pre_save handler does (bulk_create sends no signal).
                    run_after=task.run_after or get_date_max(),
                    backend_name=backend.alias,
                )
            )
    # No task_enqueued signal: django_tasks only logs it, at debug level.
    results.objects.bulk_create(rows)


def tasks_withdraw(*, notification_ids: list[int], keep: list[str]) -> int:
    """Delete the pending send tasks of these notifications but the ones in `keep` (their
    guards); a task a worker has started is left to it. Returns how many were deleted."""
    results = database_tasks()
    if results is None or not notification_ids:
        return 0
    deleted, _ = (
        results.objects.filter(
            status="READY", args_kwargs__kwargs__notification_id__in=notification_ids
        )
        .exclude(pk__in=[task_id for task_id in keep if task_id])
        .delete()
    )
    return deleted


def task_cancel(task_id: str) -> None:
    """Withdraw a task that has not started (a guard that is no longer needed)."""
    results = database_tasks()
    if task_id and results is not None:
        results.objects.filter(pk=task_id, status="READY").delete()


def task_abandon(task_id: str) -> None:
    """Mark as failed a task whose worker died while running it (it would stay 'running')."""
    results = database_tasks()
    if task_id and results is not None:
        results.objects.filter(pk=task_id, status="RUNNING").update(
            status="FAILED",
            finished_at=clock.now(),
            exception_class_path="guichet.notifications.WorkerLost",
            traceback="The worker stopped while sending; the notification was taken up again.",
        )


def guard_move(notification: Notification, *, at: dt.datetime) -> None:
    """Have the notification's guard run at `at` (caller saves the row).

    The guard is moved if it has not started, else a new one is enqueued.
    """
    results = database_tasks()
    guard = notification.guard_task_id
    if (
        guard
        and results is not None
        and results.objects.filter(pk=guard, status="READY").update(run_after=at)
    ):
        return
    notification.guard_task_id = task_enqueue(notification_id=notification.pk, at=at)


def guard_drop(notification: Notification) -> None:
    """The notification is finished: its guard is not needed (caller saves the row)."""
    task_cancel(notification.guard_task_id)
    notification.guard_task_id = ""


def send_schedule(notification: Notification, *, at: dt.datetime | None) -> None:
    """Have the notification sent now (at=None) or at `at`, with a guard behind that task."""
    task_enqueue(notification_id=notification.pk, at=at)
    guard_move(notification, at=(at or clock.now()) + claim_timeout() + GUARD_MARGIN)
