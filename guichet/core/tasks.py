"""The scheduled retention purge, on Django's Tasks API (worker: `manage.py db_worker`).

django-tasks has no cron: like the standards refresh, the task enqueues its own next run
(run_after) when the backend can defer, so one `manage.py retention_purge --schedule` keeps
the purge running every RETENTION_PURGE_EVERY_HOURS; calling it again adds no second chain.
"""

import datetime as dt

from django.conf import settings
from django_tasks import task

from guichet.core.recurring import next_run_schedule
from guichet.core.retention import retention_purge_all


@task()
def retention_purge_task(reschedule: bool = False) -> dict[str, int]:
    """Every retention purge; returns what each removed (counts only, no personal data)."""
    counts = retention_purge_all()
    if reschedule:
        retention_purge_schedule()
    return counts


def retention_purge_schedule() -> bool:
    """Enqueue the next run, RETENTION_PURGE_EVERY_HOURS from now, unless one is waiting."""
    return next_run_schedule(
        retention_purge_task, after=dt.timedelta(hours=settings.RETENTION_PURGE_EVERY_HOURS)
    )
