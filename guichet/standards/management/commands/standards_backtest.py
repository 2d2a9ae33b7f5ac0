"""Replay the forecasts from past dates and print how well they did, by service."""

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guichet.standards.backtest import (
    BacktestResult,
    BacktestRow,
    Slowdown,
    backtest_run,
    data_until,
    world_fetch,
)
from guichet.standards.days import date_of
from guichet.standards.services import backtest_report_store

# Without --as-of: three freeze dates this many days before the last decision.
DEFAULT_OFFSETS = (365, 273, 182)


def _percent(value: float | None) -> str:
    return "—" if value is None else f"{value:.0%}"


def _days(value: float | None) -> str:
    return "—" if value is None else f"{value:.0f}"


class Command(BaseCommand):
    help = (
        "Freeze the world at past dates, fit the forecasts as they would have been fitted "
        "then, and score the cases open at each date against what happened: p50/p80 coverage "
        "(target for the p80: 75–85%), median error of the p50, open-ended estimates, the "
        "forward figure on applications received in the next 4 weeks, and the naive "
        "'receipt + published 80th percentile' estimate beside them."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--as-of",
            action="append",
            default=[],
            help="A freeze date T (YYYY-MM-DD); repeat for several. Default: 365, 273 and 182 "
            "days before the last decision.",
        )
        parser.add_argument(
            "--slow",
            metavar="SERVICE",
            help="Also run a slow-down scenario on this service: its decisions take twice as "
            "long from 28 days before the last freeze date (the forecasts should notice) and, "
            "separately, from the freeze date on (they cannot).",
        )
        parser.add_argument(
            "--save", action="store_true", help="Keep the results for the managers' dashboard."
        )

    def handle(self, *args: Any, **options: Any) -> None:
        last = data_until()
        if last is None:
            raise CommandError("Nothing has been decided yet: there is nothing to replay.")
        try:
            dates = [dt.date.fromisoformat(value) for value in options["as_of"]]
        except ValueError:
            raise CommandError("--as-of must be a date, YYYY-MM-DD.") from None
        if not dates:
            dates = [date_of(last - offset) for offset in DEFAULT_OFFSETS]
        for date in dates:
            if date >= date_of(last):
                raise CommandError(
                    f"Nothing has been decided after {date}: there is nothing to compare with yet."
                )
        world = world_fetch()
        results = [backtest_run(as_of=date, world=world, until=last) for date in dates]
        if options["slow"]:
            code, freeze = options["slow"], dates[-1]
            try:
                for start in (-28, 0):
                    results.append(
                        backtest_run(
                            as_of=freeze,
                            world=world,
                            until=last,
                            slowdown=Slowdown(code, start=start),
                        )
                    )
            except ValueError as error:
                raise CommandError(str(error)) from None
        for result in results:
            self._print(result)
        self.stdout.write(
            "Target for the p80 coverage: 75% to 85%. Errors in days. 'more than' counts "
            "open-ended estimates and the share of them that held."
        )
        if options["save"]:
            backtest_report_store(data_until=date_of(last), results=[r.to_json() for r in results])
            self.stdout.write("Saved for the managers' dashboard.")

    def _print(self, result: BacktestResult) -> None:
        self.stdout.write(
            f"\nBacktest ({result.scenario}): fitted on data up to {result.as_of}, scored on "
            f"decisions up to {result.data_until}."
        )
        header = (
            "service",
            "open at T",
            "scored",
            "p50 cover",
            "p80 cover",
            "p50 error",
            "more than",
            "naive p80",
            "naive error",
            "new p80",
            "naive new",
            "pace",
        )
        rows = [row for row in result.rows if row.open_at_t]
        if result.slowed_service:
            rows = [row for row in rows if row.service_code == result.slowed_service]
        lines: list[tuple[str, ...]] = [header, *(self._cells(r) for r in [*rows, result.total])]
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

    @staticmethod
    def _cells(row: BacktestRow) -> tuple[str, ...]:
        coverage = f"({row.reason})" if row.reason else _percent(row.coverage_p80)
        more_than = f"{row.open_ended} ({_percent(row.open_ended_held)})" if row.open_ended else "0"
        pace = "—" if row.pace_ratio is None else f"{row.pace_ratio:.2f}"
        return (
            row.service_code,
            str(row.open_at_t),
            str(row.scored),
            _percent(row.coverage_p50),
            coverage,
            _days(row.mae_p50),
            more_than,
            _percent(row.naive_coverage_p80),
            _days(row.naive_mae_p50),
            _percent(row.forward_coverage_p80),
            _percent(row.naive_forward_coverage_p80),
            pace + (" slowed" if row.slowed else ""),
        )
