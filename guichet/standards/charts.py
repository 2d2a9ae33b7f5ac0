"""Bar charts as data for the templates: HTML/CSS bars, no script, no CDN. Each chart sits
beside a table with the same figures, which is what screen readers read (the bars are
hidden from them)."""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext as _

from guichet.standards.figures import Figures, ServiceFigures
from guichet.standards.tables import Table, band_label, service_name
from guichet.standards.templatetags.standards import figure

OK, MISS, NEUTRAL, SECOND = "ok", "miss", "neutral", "second"


@dataclass(frozen=True)
class Bar:
    label: str
    width: float  # % of the chart's width
    text: str
    tone: str = NEUTRAL
    marker: float | None = None  # % position of the target line


def _width(value: float | None, maximum: float) -> float:
    return 0.0 if not value or maximum <= 0 else round(min(100.0, 100.0 * value / maximum), 1)


def compliance_bars(services: list[ServiceFigures], language: str) -> list[Bar]:
    bars = []
    for s in services:
        if s.target_days is None:
            continue
        share = s.met_share
        bars.append(
            Bar(
                service_name(s.code, language),
                _width(share, 1.0),
                figure(share, "share"),
                MISS if s.misses_standard else OK if share is not None else NEUTRAL,
                _width(s.target_share, 1.0),
            )
        )
    return bars


def monthly_bars(service: ServiceFigures) -> list[Bar]:
    return [
        Bar(
            m.month,
            _width(m.share, 1.0),
            figure(m.share, "share"),
            NEUTRAL
            if m.share is None
            else MISS
            if service.target_share and m.share < service.target_share
            else OK,
            _width(service.target_share, 1.0),
        )
        for m in service.compliance
    ]


def days_bars(services: list[ServiceFigures], language: str, *, forward: bool) -> list[Bar]:
    values = [(s, (s.forward if forward else s.measured).p80) for s in services]
    maximum = max([v or 0 for _s, v in values] + [s.target_days or 0 for s in services] + [1])
    return [
        Bar(
            service_name(s.code, language),
            _width(v, maximum),
            figure(v, "days") if v is None else _("%(days)s days") % {"days": figure(v)},
            NEUTRAL if v is None or s.target_days is None else MISS if v > s.target_days else OK,
            _width(s.target_days, maximum) if s.target_days else None,
        )
        for s, v in values
    ]


def _count(value: object) -> int:
    return value if isinstance(value, int) else 0


def age_bars(figures: Figures, table: Table) -> list[Bar]:
    counts = [_count(row[1]) for row in table.rows]
    maximum = max([*counts, 1])
    return [
        Bar(band_label(figures, i), _width(n, maximum), figure(n)) for i, n in enumerate(counts)
    ]


def flow_bars(table: Table) -> list[Bar]:
    weeks = [(str(row[0]), _count(row[1]), _count(row[2])) for row in table.rows]
    maximum = max([*(max(i, o) for _w, i, o in weeks), 1])
    bars = []
    for week, inflow, outflow in weeks:
        bars.append(
            Bar(_("%(week)s received") % {"week": week}, _width(inflow, maximum), figure(inflow))
        )
        bars.append(
            Bar(
                _("%(week)s decided") % {"week": week},
                _width(outflow, maximum),
                figure(outflow),
                SECOND,
            )
        )
    return bars


def at_risk_bars(services: list[ServiceFigures], language: str) -> list[Bar]:
    rows = [s for s in services if s.target_days is not None and s.open_total]
    maximum = max([s.open_total for s in rows] + [1])
    return [
        Bar(
            service_name(s.code, language),
            _width(s.backlog + s.at_risk, maximum),
            _("%(backlog)s over, %(risk)s at risk, of %(open)s open")
            % {
                "backlog": figure(s.backlog),
                "risk": figure(s.at_risk),
                "open": figure(s.open_total),
            },
            MISS if s.backlog + s.at_risk else OK,
        )
        for s in rows
    ]
