"""The dashboard's tables, built once for both the page (next to each chart) and its CSV
export, so the two always hold the same figures. Values are raw (numbers, fractions, ISO
dates, None for "not enough data"); templates and the CSV writer format them."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from guichet.catalogue.selectors import catalogue_get
from guichet.standards.figures import Figures, ServiceFigures
from guichet.standards.published import twelve_months

TEXT, INT, SHARE, DAYS, DATE = "text", "int", "share", "days", "date"


@dataclass(frozen=True)
class Missing:
    """A cell with no figure, and why: empty in a CSV, said in words on the page."""

    text: Promise | str


NO_STANDARD = Missing(_("no standard"))
Value = str | int | float | Missing | None


@dataclass(frozen=True)
class Column:
    key: str
    label: Promise | str
    kind: str = INT


@dataclass(frozen=True)
class Table:
    key: str
    caption: Promise | str
    columns: list[Column]
    rows: list[list[Value]]

    @property
    def cells(self) -> list[list[tuple[Value, str]]]:
        """Rows as (value, kind) pairs, for templates to format each cell by its column."""
        kinds = [column.kind for column in self.columns]
        return [list(zip(row, kinds, strict=True)) for row in self.rows]


def service_name(code: str, language: str) -> str:
    service = catalogue_get().services_by_code.get(code)
    return service.name(language) if service else code


def step_name(code: str, language: str) -> str:
    if not code:
        return str(_("Decision pending (no step open)"))
    step = catalogue_get().step_types_by_code.get(code)
    return step.name(language) if step else code


def band_label(figures: Figures, band: int) -> str:
    bands = figures.age_bands
    if band == 0:
        return str(_("0 to %(days)d days") % {"days": bands[0]})
    if band < len(bands):
        return str(
            _("%(low)d to %(high)d days") % {"low": bands[band - 1] + 1, "high": bands[band]}
        )
    return str(_("over %(days)d days") % {"days": bands[-1]})


def compliance_table(figures: Figures, services: list[ServiceFigures], language: str) -> Table:
    return Table(
        "compliance",
        _("Decisions within the service standard, last 12 months (%(period)s)")
        % {"period": twelve_months(figures)},
        [
            Column("service", _("Service"), TEXT),
            Column("target_days", _("Standard (days)"), INT),
            Column("target_share", _("Target share"), SHARE),
            Column("decided", _("Completions (approved or refused)"), INT),
            Column("met", _("Within standard"), INT),
            Column("met_share", _("Share within standard"), SHARE),
            Column("excluded", _("Left out (events out of order)"), INT),
            Column("withdrawn", _("Withdrawn (not counted)"), INT),
        ],
        [
            [
                service_name(s.code, language),
                s.target_days or NO_STANDARD,
                s.target_share or NO_STANDARD,
                s.decided_12m,
                s.met_12m if s.target_days else NO_STANDARD,
                s.met_share if s.target_days else NO_STANDARD,
                s.excluded,
                s.withdrawn,
            ]
            for s in services
        ],
    )


def monthly_table(figures: Figures, services: list[ServiceFigures], language: str) -> Table:
    rows: list[list[Value]] = []
    for s in services:
        for month in s.compliance:
            rows.append(
                [
                    service_name(s.code, language),
                    month.month,
                    month.decided,
                    month.met if s.target_days else NO_STANDARD,
                    month.share if s.target_days else NO_STANDARD,
                ]
            )
    return Table(
        "compliance-monthly",
        _("Decisions within the service standard, by month"),
        [
            Column("service", _("Service"), TEXT),
            Column("month", _("Month"), TEXT),
            Column("decided", _("Decisions"), INT),
            Column("met", _("Within standard"), INT),
            Column("met_share", _("Share within standard"), SHARE),
        ],
        rows,
    )


def processing_table(figures: Figures, services: list[ServiceFigures], language: str) -> Table:
    return Table(
        "processing-times",
        _("Processing times: measured over the window, and forward-looking for a new application"),
        [
            Column("service", _("Service"), TEXT),
            Column("window_days", _("Window (days)"), INT),
            Column("sample_size", _("Decisions in window"), INT),
            Column("p50", _("Measured 50th percentile (days)"), DAYS),
            Column("p80", _("Measured 80th percentile (days)"), DAYS),
            Column("p90", _("Measured 90th percentile (days)"), DAYS),
            Column("forward_p50", _("Forward-looking 50th percentile (days)"), DAYS),
            Column("forward_p80", _("Forward-looking 80th percentile (days)"), DAYS),
            Column("target_days", _("Standard (days)"), INT),
            Column("throughput", _("Decisions per week"), INT),
        ],
        [
            [
                service_name(s.code, language),
                s.window_days,
                s.sample_size,
                s.measured.p50,
                s.measured.p80,
                s.measured.p90,
                s.forward.p50,
                s.forward.p80,
                s.target_days or NO_STANDARD,
                round(s.throughput_per_week) if s.throughput_per_week is not None else None,
            ]
            for s in services
        ],
    )


def age_table(figures: Figures, services: list[ServiceFigures], language: str) -> Table:
    counts = [[0, 0] for _band in range(len(figures.age_bands) + 1)]
    for s in services:
        for cell in s.inventory:
            counts[cell.band][0] += cell.count
            counts[cell.band][1] += cell.backlog
    return Table(
        "inventory-age",
        _("Open cases by age since receipt"),
        [
            Column("age", _("Age"), TEXT),
            Column("open", _("Open cases"), INT),
            Column("backlog", _("Older than the standard"), INT),
        ],
        [[band_label(figures, i), n, b] for i, (n, b) in enumerate(counts)],
    )


def inventory_table(figures: Figures, services: list[ServiceFigures], language: str) -> Table:
    rows: list[list[Value]] = []
    for s in services:
        by_step: dict[str, list[int]] = {}
        for cell in s.inventory:
            totals = by_step.setdefault(cell.step_code, [0, 0, 0])
            totals[0] += cell.count
            totals[1] += cell.backlog
            totals[2] += cell.at_risk
        for code, (n, backlog, at_risk) in by_step.items():
            judged: list[Value] = [backlog, at_risk] if s.target_days else [NO_STANDARD] * 2
            rows.append([service_name(s.code, language), step_name(code, language), n, *judged])
    return Table(
        "inventory",
        _("Open cases by service and the step they wait on"),
        [
            Column("service", _("Service"), TEXT),
            Column("step", _("Step waited on"), TEXT),
            Column("open", _("Open cases"), INT),
            Column("backlog", _("Older than the standard"), INT),
            Column("at_risk", _("At risk of missing it"), INT),
        ],
        rows,
    )


def flows_table(figures: Figures, services: list[ServiceFigures], weeks: int) -> Table:
    totals: dict[str, list[int]] = {}
    partial: set[str] = set()
    for s in services:
        for flow in s.flows[-weeks:]:
            if flow.partial:
                partial.add(flow.week)
            week = totals.setdefault(flow.week, [0, 0, 0])
            week[0] += flow.inflow
            week[1] += flow.outflow
            week[2] += flow.open_end
    return Table(
        "flows",
        _("Applications received and decided each week"),
        [
            Column("week", _("Week of"), DATE),
            Column("inflow", _("Received"), INT),
            Column("outflow", _("Decided"), INT),
            Column("open_end", _("Open at the end of the week"), INT),
            Column("period", _("Period"), TEXT),
        ],
        [
            [
                week,
                *values,
                str(_("week so far (partial)") if week in partial else _("complete week")),
            ]
            for week, values in sorted(totals.items())
        ],
    )


def forecast_table(figures: Figures, services: list[ServiceFigures], language: str) -> Table:
    return Table(
        "forecasts",
        _("Inventory and forecasts by service"),
        [
            Column("service", _("Service"), TEXT),
            Column("open", _("Open cases"), INT),
            Column("backlog", _("Older than the standard"), INT),
            Column("at_risk", _("At risk of missing it"), INT),
            Column("forward_p80", _("A new application: 80% decided within (days)"), DAYS),
            Column("target_days", _("Standard (days)"), INT),
            Column("pace", _("Recent decisions, share of the expected pace"), SHARE),
        ],
        [
            [
                service_name(s.code, language),
                s.open_total,
                s.backlog if s.target_days else NO_STANDARD,
                s.at_risk if s.target_days else NO_STANDARD,
                more_than(s.forward_more_than)
                if s.forward.p80 is None and s.forward_more_than is not None
                else s.forward.p80,
                s.target_days or NO_STANDARD,
                s.pace_ratio,
            ]
            for s in services
        ],
    )


def more_than(days: int) -> Missing:
    """An open-ended forecast: the data reaches `days` and most are not decided by then."""
    return Missing(format_lazy(_("more than {days} days"), days=days))


def backtest_table(results: list[dict[str, Any]], code: str, language: str) -> Table:
    """Per service, the p80 coverage of the forecasts fitted at each freeze date (as
    recorded, no scenario), the naive estimate's at the last date, and cases scored."""
    recorded = [r for r in results if not r.get("slowed_service")]
    dates = [r["as_of"] for r in recorded]
    by_service: dict[str, list[dict[str, Any]]] = {}
    for result in recorded:
        for row in result["rows"]:
            by_service.setdefault(row["service_code"], []).append(row)
    columns = [Column("service", _("Service"), TEXT)]
    columns += [
        Column(f"p80_{date}", format_lazy(_("80% estimate held, from {date}"), date=date), SHARE)
        for date in dates
    ]
    columns += [
        Column("naive", _("Naive estimate held (receipt + published time), last date"), SHARE),
        Column("scored", _("Cases scored, all dates"), INT),
    ]
    rows: list[list[Value]] = []
    for service_code, found in sorted(by_service.items()):
        if code and service_code != code:
            continue
        rows.append(
            [
                service_name(service_code, language),
                *(row["coverage_p80"] for row in found),
                found[-1]["naive_coverage_p80"],
                sum(row["scored"] for row in found),
            ]
        )
    return Table(
        "backtest", _("How the forecasts did when replayed from past dates"), columns, rows
    )
