"""`manage.py seed_demo --cases N --seed S`: a synthetic population for demos and benchmarks."""

import datetime as dt
from argparse import ArgumentParser, ArgumentTypeError
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from guichet.cases.models import Case
from guichet.contact.demo import seed_contact_demo
from guichet.core import clock
from guichet.demo.seeding import default_workers, seed_population
from guichet.feedback.demo import seed_feedback_demo
from guichet.status.services import status_documents_rebuild


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise ArgumentTypeError("must be 1 or more")
    return number


def _date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise ArgumentTypeError("a date is written YYYY-MM-DD") from None


class Command(BaseCommand):
    help = (
        "Create synthetic clients and cases with three years of history ending on the as-of "
        "date (nothing happens on or after its midnight, Eastern time). The same seed and "
        "as-of date on an empty database give the same data."
    )

    def add_arguments(self, parser: ArgumentParser) -> None:
        parser.add_argument("--cases", type=_positive, default=50_000)
        parser.add_argument("--seed", type=int, default=2016)
        parser.add_argument(
            "--as-of", type=_date, default=None, help="last day of history + 1 (default: today)"
        )
        parser.add_argument(
            "--if-empty", action="store_true", help="do nothing if there are cases already"
        )
        parser.add_argument("--batch-size", type=_positive, default=10_000)
        parser.add_argument(
            "--workers",
            type=int,
            default=default_workers(),
            help="generator processes (0: generate in this process)",
        )
        parser.add_argument("--no-progress", action="store_true")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["if_empty"]:
            existing = Case.objects.count()
            if existing:
                self.stdout.write(f"{existing:,} cases already in the database: nothing seeded.")
                return
        as_of = options["as_of"] or clock.today()
        if as_of > clock.today():
            raise CommandError("--as-of cannot be in the future.")
        seed_population(
            cases=options["cases"],
            seed=options["seed"],
            as_of=as_of,
            batch_size=options["batch_size"],
            workers=max(0, options["workers"]),
            progress=False if options["no_progress"] else None,
            echo=self.stdout.write,
        )
        # The seeder writes around guichet.cases.services: render the stored statuses that
        # the public look-up answers from (ADR 0019).
        documents = status_documents_rebuild()
        self.stdout.write(f"Status documents: {documents:,} cases rendered in both languages.")
        # Contact-centre history on the same cases, so the channel metrics have something
        # to show (calls, enquiries, self-service look-ups).
        contacts = seed_contact_demo(seed=options["seed"])
        self.stdout.write(
            f"Contact centre: {contacts.ivr_calls:,} self-service calls, {contacts.contacts:,} "
            f"agent contacts, {contacts.enquiries:,} web enquiries, {contacts.articles} "
            "help-centre articles."
        )
        # Satisfaction survey answers of two past cohorts, and a few live invitations.
        feedback = seed_feedback_demo(seed=options["seed"])
        self.stdout.write(
            f"Satisfaction survey: {feedback.invitations:,} past invitations, "
            f"{feedback.responses:,} responses, {feedback.live_invitations} new invitations sent."
        )
