"""`manage.py demo_accounts`: one staff user per role with a known password, for demos."""

from argparse import ArgumentParser
from collections.abc import Sequence
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from guichet.cases.models import Case
from guichet.demo.accounts import DEMO_PASSWORD, demo_accounts_ensure, demo_cases, staff_url
from guichet.representatives.services import representative_demo_ensure


class Command(BaseCommand):
    help = (
        "Create (or reset) the demo staff accounts, one per role, and list cases to look up. "
        "Development only: refused when DEBUG is off, unless --force."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--password", default=DEMO_PASSWORD)
        parser.add_argument(
            "--force",
            action="store_true",
            help="run even though DEBUG is off (never in production)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if not settings.DEBUG and not options["force"]:
            raise CommandError(
                "demo_accounts creates accounts with a published password: it only runs with "
                "DEBUG on (development settings), or with --force."
            )
        accounts = demo_accounts_ensure(password=options["password"])
        rows = [("Role", "Username", "Password", "Sign in at")]
        rows += [(a.role, a.username, a.password, a.sign_in_url) for a in accounts]
        self._table(rows)
        self.stdout.write(f"Back office in French: {staff_url('backoffice:login', 'fr')}\n")
        cases = demo_cases()
        rep = representative_demo_ensure(
            password=options["password"],
            case_ids=list(
                Case.objects.filter(
                    application_number__in=[c.application_number for c in cases[:2]]
                ).values_list("pk", flat=True)
            ),
        )
        self.stdout.write(
            f"Representative (two-step set-up at first sign-in): {rep.email} / "
            f"{options['password']} at {staff_url('representatives:sign-in')}; "
            f"sees the first two cases below.\n"
        )
        if cases:
            self.stdout.write("Cases to try the status look-up with:")
            rows = [("Application number", "Family name", "Date of birth", "State")]
            rows += [(c.application_number, c.family_name, c.date_of_birth, c.what) for c in cases]
            self._table(rows)
        else:
            self.stdout.write("No cases yet: run manage.py seed_demo to create some.")

    def _table(self, rows: Sequence[Sequence[str]]) -> None:
        widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
        for n, row in enumerate(rows):
            self.stdout.write(
                "  ".join(cell.ljust(w) for cell, w in zip(row, widths, strict=True)).rstrip()
            )
            if n == 0:
                self.stdout.write("  ".join("-" * w for w in widths))
        self.stdout.write("")
