"""The send task (Tasks API, database backend, run by `manage.py db_worker`)."""

from django_tasks import TaskContext, task

from guichet.notifications.services.delivery import notification_deliver


@task(takes_context=True)
def notification_send(context: TaskContext, notification_id: int) -> str:
    """Send one notification if it is due; see guichet.notifications.services.delivery."""
    return notification_deliver(
        notification_id=notification_id, task_id=str(context.task_result.id)
    )
