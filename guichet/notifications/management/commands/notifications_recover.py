"""`manage.py notifications_recover`: give every unfinished notification a task again.

Not needed in normal running (each notification carries a guard task); run it after the
database itself failed, or from cron as a belt to those braces. Safe to run at any time.
"""

from typing import Any

from django.core.management.base import BaseCommand

from guichet.notifications.services import notifications_recover


class Command(BaseCommand):
    help = "Re-enqueue unfinished notifications that have no pending task."

    def handle(self, *args: Any, **options: Any) -> None:
        count = notifications_recover()
        self.stdout.write(f"{count} notification(s) re-enqueued.")
