"""Refresh the service standards figures now (what the scheduled task does)."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guichet.core import clock
from guichet.standards.clocks import clocks_build
from guichet.standards.refresh import as_of_problem, snapshot_refresh
from guichet.standards.tasks import standards_refresh_schedule


class Command(BaseCommand):
    help = "Forecast every open case, then recompute every standards figure into a new snapshot."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", help="Compute as of this date (YYYY-MM-DD); default today.")
        parser.add_argument(
            "--no-forecasts", action="store_true", help="Keep the last forecasts; figures only."
        )
        parser.add_argument(
            "--schedule",
            action="store_true",
            help="Also start the scheduled refresh (every STANDARDS_REFRESH_MINUTES).",
        )
        parser.add_argument(
            "--rebuild-clocks",
            action="store_true",
            help="First rebuild every case's clock from its events (after a bulk load).",
        )

    def _progress(self, line: str) -> None:
        """One stage of the refresh, printed at once (it takes about a minute on the demo)."""
        if self.verbosity >= 1:
            self.stdout.write(line)
            self.stdout.flush()

    def handle(self, *args: Any, **options: Any) -> None:
        self.verbosity = options["verbosity"]
        as_of = None
        if options["as_of"]:
            try:
                as_of = dt.date.fromisoformat(options["as_of"])
            except ValueError:
                raise CommandError("--as-of must be a date, YYYY-MM-DD.") from None
            if as_of > clock.today():
                raise CommandError("--as-of cannot be in the future: nothing is known yet.")
            problem = as_of_problem(as_of=as_of)
            if problem:
                raise CommandError(problem)
        if options["rebuild_clocks"]:
            built = clocks_build()
            self.stdout.write(
                f"Rebuilt {built.total} case clocks from their events "
                f"({built.folded} irregular histories folded one by one)."
            )
        snapshot = snapshot_refresh(
            as_of=as_of, forecast=not options["no_forecasts"], progress=self._progress
        )
        if options["schedule"]:
            scheduled = standards_refresh_schedule()
            self.stdout.write("Next refresh scheduled." if scheduled else "Already scheduled.")
        self.stdout.write(
            f"Standards snapshot {snapshot.pk} as of {snapshot.as_of} in {snapshot.seconds:.2f} s."
        )
