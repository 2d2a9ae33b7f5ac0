from typing import Any

from django.core.management.base import BaseCommand

from guichet.appointments.services import points_load


class Command(BaseCommand):
    help = "Load the points of service (offices, partner centres, VACs) from their data file."

    def handle(self, *args: Any, **options: Any) -> None:
        result = points_load()
        self.stdout.write(
            f"{result.points} points of service, {result.rooms} rooms loaded;"
            f" {result.removed} removed."
        )
