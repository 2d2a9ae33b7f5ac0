"""Run every retention purge now, as the scheduled task does (config/settings/retention.py)."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from guichet.core.retention import retention_purge_all
from guichet.core.tasks import retention_purge_schedule


class Command(BaseCommand):
    help = (
        "Blank or delete personal data past its retention period (message texts, summaries, "
        "enquiry texts, phone sessions, abandoned photos). Safe to run again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Also start the scheduled purge (every RETENTION_PURGE_EVERY_HOURS).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        for what, count in retention_purge_all().items():
            self.stdout.write(f"{what}: {count}")
        if options["schedule"]:
            scheduled = retention_purge_schedule()
            self.stdout.write("Next purge scheduled." if scheduled else "Already scheduled.")
