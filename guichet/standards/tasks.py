"""The scheduled refresh, on Django's Tasks API (worker: `manage.py db_worker`).

django-tasks has no cron: the task schedules its own next run (run_after) when the backend can
defer, so one enqueue (`standards_refresh_schedule`, called by the dashboard's refresh button
and safe to call again) keeps the figures refreshed every STANDARDS_REFRESH_MINUTES.
"""

import datetime as dt

from django.conf import settings
from django_tasks import task

from guichet.core.recurring import next_run_schedule
from guichet.standards.refresh import snapshot_refresh


@task()
def standards_refresh_task(reschedule: bool = False) -> int:
    """Forecasts then figures; returns the new snapshot's id."""
    snapshot = snapshot_refresh()
    if reschedule:
        standards_refresh_schedule()
    return snapshot.pk


def standards_refresh_schedule() -> bool:
    """Enqueue the next scheduled run, STANDARDS_REFRESH_MINUTES from now, unless one is
    already waiting. Returns whether one was enqueued."""
    return next_run_schedule(
        standards_refresh_task, after=dt.timedelta(minutes=settings.STANDARDS_REFRESH_MINUTES)
    )


def standards_refresh_enqueue() -> None:
    """Refresh as soon as a worker is free (on demand)."""
    standards_refresh_task.enqueue()
