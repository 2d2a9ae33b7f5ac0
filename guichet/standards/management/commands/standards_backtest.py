"""Replay the forecasts from a past date and print how well they did, by service."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guichet.standards.backtest import BacktestRow, backtest_run


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _days(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


class Command(BaseCommand):
    help = (
        "Fit the forecasts on data up to --as-of, predict the cases open then, and compare with "
        "their decisions since: p80 coverage (target 75–85%) and median absolute error of the "
        "p50, against the naive 'published 80th percentile' estimate."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", required=True, help="The replay date T (YYYY-MM-DD).")
        parser.add_argument(
            "--by-step",
            action="store_true",
            help="Rank queues by today's step rather than receipt (optimistic; comparison only).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            as_of = dt.date.fromisoformat(options["as_of"])
        except ValueError:
            raise CommandError("--as-of must be a date, YYYY-MM-DD.") from None
        result = backtest_run(as_of=as_of, by_step=options["by_step"])
        if result.data_until <= as_of:
            raise CommandError(
                f"Nothing has been decided after {as_of}: there is nothing to compare with yet."
            )
        self.stdout.write(
            f"Backtest: fitted on data up to {result.as_of}, scored on decisions up to "
            f"{result.data_until}."
        )
        header = (
            "service",
            "open at T",
            "scored",
            "p80 cover",
            "MAE p50",
            "naive cover",
            "naive MAE",
        )
        lines: list[tuple[str, ...]] = [header]
        for row in [*result.rows, result.total]:
            lines.append(self._cells(row))
        widths = [max(len(line[i]) for line in lines) for i in range(len(header))]
        for i, line in enumerate(lines):
            self.stdout.write(
                "  ".join(
                    cell.ljust(w) if j == 0 else cell.rjust(w)
                    for j, (cell, w) in enumerate(zip(line, widths, strict=True))
                )
            )
            if i == 0 or i == len(lines) - 2:
                self.stdout.write("  ".join("-" * w for w in widths))
        self.stdout.write("Target for the p80 coverage: 75% to 85%. MAE in days.")

    @staticmethod
    def _cells(row: BacktestRow) -> tuple[str, ...]:
        coverage = _percent(row.coverage_p80) if not row.reason else f"({row.reason})"
        return (
            row.service_code,
            str(row.open_at_t),
            str(row.scored),
            coverage,
            _days(row.mae_p50),
            _percent(row.naive_coverage_p80),
            _days(row.naive_mae_p50),
        )
