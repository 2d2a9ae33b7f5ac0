"""The satisfaction analysis, on a data frame of invitations (one row each, with the answers of
those who responded): pure functions, so they are tested against hand-computed cases and
benchmarked without a database.

Conventions (docs/architecture/decisions/0023-satisfaction-analysis.md):
- "satisfied" is an answer of 4 or 5 on a five-point scale; "does not apply" and no answer
  are left out of that question's base;
- 95% intervals are Wilson's (statsmodels); weighted shares use Kish's effective sample size;
- weights bring respondents to the decided-case population of their cell (decision year,
  service, channel): a cell's population is the sum of 1 / sampling rate of its invitations;
- comparisons are two-proportion z-tests, Holm-corrected over the comparisons shown, with
  Cohen's h as the effect size;
- no figure from fewer than `min_cell` answers, and when a single group of a breakdown is
  hidden, the next smallest is hidden too, so it cannot be had by subtraction from the total.
"""

from dataclasses import dataclass, field
from typing import Any

import numpy as np
import pandas as pd
from scipy import stats
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.proportion import (
    proportion_confint,
    proportion_effectsize,
    proportions_ztest,
)

DIMENSIONS = ("decision_year", "service_code", "case_channel", "language", "province")
CELL = ("decision_year", "service_code", "case_channel")
ALPHA = 0.05


def satisfied(values: pd.Series) -> pd.Series:
    """1.0 for 4 or 5, 0.0 for 1 to 3, NaN for no answer or 'does not apply'."""
    numbers = pd.to_numeric(values, errors="coerce")
    return pd.Series(
        np.where(numbers.isna(), np.nan, (numbers >= 4).astype(float)), index=values.index
    )


def with_weights(frame: pd.DataFrame) -> pd.DataFrame:
    """`frame` with a `weight` column: for a respondent, the population of their cell over
    the number of respondents in it; 0 for non-respondents."""
    frame = frame.copy()
    population = (1.0 / frame["sampling_rate"]).groupby([frame[c] for c in CELL]).transform("sum")
    respondents = (
        frame["submitted"].astype(float).groupby([frame[c] for c in CELL]).transform("sum")
    )
    frame["weight"] = np.where(
        frame["submitted"], population / respondents.where(respondents > 0), 0.0
    )
    return frame


def _wilson(successes: float, n: float) -> tuple[float, float]:
    if n <= 0:
        return (np.nan, np.nan)
    low, high = proportion_confint(successes, n, alpha=ALPHA, method="wilson")
    return float(low), float(high)


@dataclass
class Figure:
    """A share with its interval, unweighted and weighted; `suppressed` hides it all."""

    n: int
    share: float | None = None
    low: float | None = None
    high: float | None = None
    weighted: float | None = None
    weighted_low: float | None = None
    weighted_high: float | None = None
    suppressed: bool = False

    def as_dict(self) -> dict[str, Any]:
        if self.suppressed:
            return {
                "n": None,
                "share": None,
                "low": None,
                "high": None,
                "weighted": None,
                "weighted_low": None,
                "weighted_high": None,
                "suppressed": True,
            }
        return {**self.__dict__}


def figure(y: pd.Series, w: pd.Series) -> Figure:
    """The share satisfied among the answers in `y` (0/1/NaN), with weights `w`."""
    mask = y.notna()
    y, w = y[mask], w[mask]
    return figure_from(
        len(y), float(y.sum()), float(w.sum()), float((w * y).sum()), float((w**2).sum())
    )


def figure_from(n: int, successes: float, sw: float, swy: float, sww: float) -> Figure:
    """A Figure from its sums: answers, satisfied, and the weights' Σw, Σwy, Σw²."""
    n = int(n)
    if n == 0:
        return Figure(n=0)
    share = successes / n
    low, high = _wilson(successes, n)
    if sw <= 0:
        return Figure(n=n, share=share, low=low, high=high)
    weighted = swy / sw
    effective = sw**2 / sww
    wlow, whigh = _wilson(weighted * effective, effective)
    return Figure(n, share, low, high, weighted, wlow, whigh)


def _sums(y: pd.Series, w: pd.Series, keys: pd.Series) -> pd.DataFrame:
    """Per group of `keys`: n, satisfied, Σw, Σwy, Σw² over the answers (y not NaN)."""
    mask = y.notna()
    y, w, keys = y[mask], w[mask], keys[mask]
    parts = pd.DataFrame({"n": 1.0, "s": y, "sw": w, "swy": w * y, "sww": w * w})
    return parts.groupby(keys.to_numpy()).sum()


def suppress(figures: list[Figure], min_cell: int) -> None:
    """Hide figures from fewer than `min_cell` answers; if that hides exactly one group of a
    breakdown, hide the next smallest too (the total would give the hidden one back)."""
    hidden = [f for f in figures if f.n < min_cell]
    for f in hidden:
        f.suppressed = True
    shown = sorted((f for f in figures if not f.suppressed and f.n > 0), key=lambda f: f.n)
    if len([f for f in hidden if f.n > 0]) == 1 and shown:
        shown[0].suppressed = True


@dataclass
class Breakdown:
    """Every measure by the groups of one dimension, plus the total."""

    dimension: str
    groups: list[str]
    measures: list[str]
    cells: dict[tuple[str, str], Figure] = field(default_factory=dict)  # (measure, group)
    totals: dict[str, Figure] = field(default_factory=dict)


def breakdown(
    frame: pd.DataFrame, *, dimension: str, measures: list[str], min_cell: int
) -> Breakdown:
    respondents = frame[frame["submitted"]]
    groups = sorted(str(g) for g in respondents[dimension].dropna().unique())
    result = Breakdown(dimension=dimension, groups=groups, measures=measures)
    keys = respondents[dimension].astype(str)
    for measure in measures:
        y = satisfied(respondents[measure])
        sums = _sums(y, respondents["weight"], keys)
        whole = sums.sum()
        total = figure_from(int(whole["n"]), whole["s"], whole["sw"], whole["swy"], whole["sww"])
        if total.n < min_cell:
            total.suppressed = True
        result.totals[measure] = total
        row = []
        for group in groups:
            if group in sums.index:
                r = sums.loc[group]
                cell = figure_from(int(r["n"]), r["s"], r["sw"], r["swy"], r["sww"])
            else:
                cell = Figure(n=0)
            result.cells[(measure, group)] = cell
            row.append(cell)
        suppress(row, min_cell)
    return result


@dataclass
class Rate:
    group: str
    invited: int
    responded: int
    share: float | None
    low: float | None
    high: float | None
    suppressed: bool


def response_rates(frame: pd.DataFrame, *, dimension: str, min_cell: int) -> list[Rate]:
    """Responses over invitations, by group: a rate from fewer than `min_cell` responses
    (or non-responses) is hidden."""
    grouped = frame.groupby(frame[dimension].astype(str))["submitted"].agg(["size", "sum"])
    rates = []
    for group, (invited, responded) in grouped.iterrows():
        invited, responded = int(invited), int(responded)
        hidden = responded < min_cell or invited - responded < min_cell
        low, high = _wilson(responded, invited)
        rates.append(
            Rate(
                str(group),
                invited,
                responded,
                None if hidden else responded / invited,
                None if hidden else low,
                None if hidden else high,
                hidden,
            )
        )
    return rates


@dataclass
class Comparison:
    measure: str
    group: str  # the group compared (B), or the group against the rest
    reference: str  # A
    n_a: int
    n_b: int
    share_a: float | None
    share_b: float | None
    difference: float | None
    effect_h: float | None
    p_value: float | None
    p_holm: float | None = None
    significant: bool = False
    suppressed: bool = False


def _test(
    y_a: pd.Series, y_b: pd.Series, measure: str, group: str, reference: str, min_cell: int
) -> Comparison:
    y_a, y_b = y_a.dropna(), y_b.dropna()
    return proportions_compare(
        float(y_a.sum()), len(y_a), float(y_b.sum()), len(y_b), measure, group, reference, min_cell
    )


def proportions_compare(
    s_a: float,
    n_a: int,
    s_b: float,
    n_b: int,
    measure: str,
    group: str,
    reference: str,
    min_cell: int,
) -> Comparison:
    """Group B against reference A: a two-proportion z-test and Cohen's h."""
    n_a, n_b = int(n_a), int(n_b)
    if n_a < min_cell or n_b < min_cell:
        return Comparison(
            measure, group, reference, n_a, n_b, None, None, None, None, None, suppressed=True
        )
    p_a, p_b = s_a / n_a, s_b / n_b
    if 0 < s_a + s_b < n_a + n_b:
        _z, p_value = proportions_ztest([s_b, s_a], [n_b, n_a])
        p_value = float(p_value)
    else:
        p_value = 1.0  # everyone (or no one) satisfied on both sides: no difference to test
    h = float(proportion_effectsize(p_b, p_a))
    return Comparison(measure, group, reference, n_a, n_b, p_a, p_b, p_b - p_a, h, p_value)


def holm(comparisons: list[Comparison]) -> list[Comparison]:
    """Holm-correct the p-values of the comparisons that were tested (not the hidden ones)."""
    tested = [c for c in comparisons if c.p_value is not None]
    if tested:
        reject, corrected, _s, _b = multipletests(
            [c.p_value for c in tested], alpha=ALPHA, method="holm"
        )
        for c, r, p in zip(tested, reject, corrected, strict=True):
            c.p_holm, c.significant = float(p), bool(r)
    return comparisons


def cohorts_compare(
    frame: pd.DataFrame,
    *,
    dimension: str,
    reference: str,
    group: str,
    measures: list[str],
    min_cell: int,
) -> list[Comparison]:
    """Each measure in `group` against `reference` (e.g. 2015 against 2013), Holm-corrected
    over the measures compared."""
    respondents = frame[frame["submitted"]]
    keys = respondents[dimension].astype(str)
    a, b = respondents[keys == reference], respondents[keys == group]
    return holm(
        [_test(satisfied(a[m]), satisfied(b[m]), m, group, reference, min_cell) for m in measures]
    )


def weak_areas(
    frame: pd.DataFrame,
    *,
    measures: list[str],
    min_cell: int,
    dimensions: tuple[str, ...] = ("service_code", "case_channel", "language", "province"),
    min_effect: float = 0.2,
) -> list[Comparison]:
    """The areas of low satisfaction found by the data: every (measure, group) against the rest
    of the respondents, Holm-corrected over all of them; returned are those significantly lower
    by at least `min_effect` (Cohen's h), worst first."""
    respondents = frame[frame["submitted"]]
    tests = []
    for dimension in dimensions:
        keys = respondents[dimension].astype(str)
        for measure in measures:
            y = satisfied(respondents[measure])
            answered = y.notna()
            counts = (
                pd.DataFrame({"n": answered.astype(float), "s": y.fillna(0.0)})
                .groupby(keys.to_numpy())
                .sum()
            )
            n_all, s_all = float(counts["n"].sum()), float(counts["s"].sum())
            for group, row in counts.sort_index().iterrows():
                tests.append(
                    proportions_compare(
                        s_all - row["s"],
                        int(n_all - row["n"]),
                        row["s"],
                        int(row["n"]),
                        measure,
                        f"{dimension}={group}",
                        "rest",
                        min_cell,
                    )
                )
    holm(tests)
    weak = [
        c for c in tests if c.significant and c.effect_h is not None and c.effect_h <= -min_effect
    ]
    return sorted(weak, key=lambda c: c.effect_h or 0.0)


@dataclass
class Driver:
    measure: str
    n: int
    importance: float | None  # Spearman's rank correlation with overall satisfaction
    performance: float | None  # share satisfied
    priority: float | None  # importance x (1 - performance)
    suppressed: bool = False


def key_drivers(
    frame: pd.DataFrame, *, overall: str, drivers: list[str], min_cell: int
) -> list[Driver]:
    """Which drivers explain overall satisfaction, ranked by importance x shortfall."""
    respondents = frame[frame["submitted"]]
    target = pd.to_numeric(respondents[overall], errors="coerce")
    result = []
    for measure in drivers:
        values = pd.to_numeric(respondents[measure], errors="coerce")
        pair = pd.DataFrame({"x": values, "y": target}).dropna()
        if len(pair) < min_cell or pair["x"].nunique() < 2 or pair["y"].nunique() < 2:
            result.append(Driver(measure, len(pair), None, None, None, suppressed=True))
            continue
        rho = float(stats.spearmanr(pair["x"], pair["y"]).statistic)
        performance = float((pair["x"] >= 4).mean())
        result.append(Driver(measure, len(pair), rho, performance, rho * (1 - performance)))
    return sorted(result, key=lambda d: -(d.priority if d.priority is not None else -np.inf))
