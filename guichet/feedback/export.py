"""The satisfaction report as rows: the CSV export and the API share them. Every text cell
that a spreadsheet would read as a formula is defused (a leading ' before = + - @ tab CR)."""

from typing import Any

from guichet.feedback.selectors import Report

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
TABLES = ("breakdown", "rates", "comparison", "drivers", "weak")


def safe_cell(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    if value is None:
        return ""
    if isinstance(value, float):
        return round(value, 4)
    return value


def report_rows(report: Report, table: str) -> tuple[list[str], list[list[Any]]]:
    """The header and rows of one table of the report (suppressed figures are empty)."""
    if table == "rates":
        header = ["group", "invited", "responded", "rate", "low", "high", "suppressed"]
        rows = [
            [r.group, r.invited, r.responded, r.share, r.low, r.high, r.suppressed]
            for r in report.rates
        ]
    elif table in ("comparison", "weak"):
        header = [
            "measure",
            "group",
            "reference",
            "n_group",
            "n_reference",
            "share_group",
            "share_reference",
            "difference",
            "cohens_h",
            "p_value",
            "p_holm",
            "significant",
            "suppressed",
        ]
        source = report.comparison if table == "comparison" else report.weak
        rows = [
            [
                c.measure,
                c.group,
                c.reference,
                c.n_b,
                c.n_a,
                c.share_b,
                c.share_a,
                c.difference,
                c.effect_h,
                c.p_value,
                c.p_holm,
                c.significant,
                c.suppressed,
            ]
            for c in source
        ]
    elif table == "drivers":
        header = ["measure", "n", "importance", "performance", "priority", "suppressed"]
        rows = [
            [d.measure, d.n, d.importance, d.performance, d.priority, d.suppressed]
            for d in report.drivers
        ]
    else:
        header = [
            "measure",
            report.dimension,
            "n",
            "share",
            "low",
            "high",
            "weighted",
            "weighted_low",
            "weighted_high",
            "suppressed",
        ]
        rows = []
        for measure in report.measures:
            for group in [*report.breakdown.groups, "all"]:
                figure = (
                    report.breakdown.totals[measure]
                    if group == "all"
                    else report.breakdown.cells[(measure, group)]
                )
                d = figure.as_dict()
                rows.append(
                    [
                        measure,
                        group,
                        d["n"],
                        d["share"],
                        d["low"],
                        d["high"],
                        d["weighted"],
                        d["weighted_low"],
                        d["weighted_high"],
                        d["suppressed"],
                    ]
                )
    return header, rows
