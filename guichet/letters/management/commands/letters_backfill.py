"""Issue the letters past events call for, for cases that have none yet."""

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from guichet.cases.models import Case
from guichet.letters.services import letters_backfill


class Command(BaseCommand):
    help = (
        "Issue the letters (acknowledgement, requests, decision) that past events of the given "
        "cases call for and do not have; they are rendered by the worker."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("application_numbers", nargs="+", help="e.g. E123456782")

    def handle(self, *args: Any, **options: Any) -> None:
        numbers = options["application_numbers"]
        found = dict(
            Case.objects.filter(application_number__in=numbers).values_list(
                "application_number", "pk"
            )
        )
        missing = [number for number in numbers if number not in found]
        if missing:
            self.stderr.write(f"No case with the number: {', '.join(missing)}")
        issued = sum(len(letters_backfill(case_id=found[n])) for n in numbers if n in found)
        self.stdout.write(f"{issued} letter(s) issued for {len(found)} case(s)")
