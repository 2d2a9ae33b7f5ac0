"""Tasks that schedule their own next run: django-tasks has no cron, so a recurring task
enqueues itself again (run_after) when the backend can defer. Shared by the standards refresh
and the retention purge."""

import datetime as dt
from typing import Any

from django_tasks import TaskResultStatus, default_task_backend
from django_tasks.base import Task

from guichet.core import clock


def _already_scheduled(task: Task[Any, Any]) -> bool:
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another backend
        return False
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY, task_path=task.module_path, run_after__gt=clock.now()
    ).exists()


def next_run_schedule(task: Task[Any, Any], *, after: dt.timedelta) -> bool:
    """Enqueue `task(reschedule=True)` to run `after` from now, unless a run is already
    waiting (so calling it again adds no second chain). Returns whether one was enqueued."""
    if not default_task_backend.supports_defer or _already_scheduled(task):
        return False
    task.using(run_after=clock.now() + after).enqueue(reschedule=True)
    return True
