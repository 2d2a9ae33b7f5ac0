"""`manage.py feedback_reminders_send`: the single reminder of unanswered survey invitations
(run daily by the scheduler, like case_updates_send; running it twice sends nothing twice)."""

from typing import Any

from django.core.management.base import BaseCommand

from guichet.feedback.services import invitation_reminders_send


class Command(BaseCommand):
    help = "Send the one reminder of every survey invitation due one and not yet answered."

    def handle(self, *args: Any, **options: Any) -> None:
        sent = invitation_reminders_send()
        self.stdout.write(f"Survey reminders queued: {sent}.")
