"""The scheduled retention purge, on Django's Tasks API (worker: `manage.py db_worker`).

django-tasks has no cron: like the standards refresh, the task enqueues its own next run
(run_after) when the backend can defer, so one `manage.py retention_purge --schedule` keeps
the purge running every RETENTION_PURGE_EVERY_HOURS; calling it again adds no second chain.
"""

import datetime as dt

from django.conf import settings
from django_tasks import TaskResultStatus, default_task_backend, task

from guichet.core import clock
from guichet.core.retention import retention_purge_all


@task()
def retention_purge_task(reschedule: bool = False) -> dict[str, int]:
    """Every retention purge; returns what each removed (counts only, no personal data)."""
    counts = retention_purge_all()
    if reschedule:
        retention_purge_schedule()
    return counts


def _already_scheduled() -> bool:
    try:
        from django_tasks_db.models import DBTaskResult
    except ImportError:  # pragma: no cover - another backend
        return False
    return DBTaskResult.objects.filter(
        status=TaskResultStatus.READY,
        task_path=retention_purge_task.module_path,
        run_after__gt=clock.now(),
    ).exists()


def retention_purge_schedule() -> bool:
    """Enqueue the next run, RETENTION_PURGE_EVERY_HOURS from now, unless one is waiting."""
    if not default_task_backend.supports_defer or _already_scheduled():
        return False
    run_after = clock.now() + dt.timedelta(hours=settings.RETENTION_PURGE_EVERY_HOURS)
    retention_purge_task.using(run_after=run_after).enqueue(reschedule=True)
    return True
