from typing import Any

from django.core.management.base import BaseCommand

from guichet.appointments.services import holds_expire_all, reminders_send
from guichet.appointments.tasks import appointments_schedule


class Command(BaseCommand):
    help = "Free lapsed holds and queue due reminders now, and start the recurring task."

    def handle(self, *args: Any, **options: Any) -> None:
        holds_expire_all()
        queued = reminders_send()
        scheduled = appointments_schedule()
        self.stdout.write(
            f"{queued} reminders queued; "
            + ("recurring task scheduled." if scheduled else "recurring task already scheduled.")
        )
