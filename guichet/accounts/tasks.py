"""Background work of the accounts module (Django's Tasks API)."""

from django_tasks import task

from guichet.accounts.updates import case_update_notices_send


@task()
def case_updates_send() -> int:
    """Hand the case-update messages that are due to the notifications outbox."""
    return case_update_notices_send()
