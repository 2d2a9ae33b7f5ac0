"""Background work of appointments, on the Tasks API (worker: `manage.py db_worker`): every few
minutes, free lapsed holds and queue the reminders due. The task schedules its own next run
(guichet.core.recurring), started by `manage.py appointments_schedule` (make demo)."""

import datetime as dt

from django_tasks import task

from guichet.appointments.services import holds_expire_all, reminders_send
from guichet.core.recurring import next_run_schedule

EVERY = dt.timedelta(minutes=5)


@task()
def appointments_tick_task(reschedule: bool = False) -> int:
    holds_expire_all()
    queued = reminders_send()
    if reschedule:
        appointments_schedule()
    return queued


def appointments_schedule() -> bool:
    return next_run_schedule(appointments_tick_task, after=EVERY)
