"""Hand due case-update messages to the outbox (the task does it too; this is the safety net)."""

from typing import Any

from django.core.management.base import BaseCommand

from guichet.accounts.updates import case_update_notices_send


class Command(BaseCommand):
    help = "Queue the case-update messages that are due (run from cron every minute or so)."

    def handle(self, *args: Any, **options: Any) -> None:
        count = case_update_notices_send()
        self.stdout.write(f"{count} case-update message(s) queued.")
