"""How long a case takes, from what the trailing window saw: a period life table per service.

Every open case is a right-censored wait: it has lasted `age` days and is not over. Treating
those waits as if they ended at a horizon (the old calibration) makes long queues look short,
so the estimate is a discrete Kaplan–Meier survival curve fitted on the trailing window only
(a "period" life table, as demographers build one for a calendar year):

- each case contributes the ages it had on the days inside the window (T − W, T], from its
  receipt to its decision, its withdrawal or T, whichever comes first;
- a decision (approval or refusal) on a day inside the window is an event at that age;
  a withdrawal ends the case's exposure without being an event (it censors, as an open case
  does); so do problem cases, which are left out altogether by the extracts;
- the hazard at age x is events at x ÷ cases at risk at x, and the survival
  G[x] = P(wait > x) = ∏_{y ≤ x} (1 − h[y]).

A case open at age a is then decided within k more days with probability
1 − G[a + k] / G[a]; its p-th percentile is the smallest such k reaching p. Ages where fewer
than `min_at_risk` cases were at risk are beyond what the data supports: an estimate that would
need them is open-ended ("more than N days"), never a number that only looks precise.

Everything is numpy over arrays; nothing here reads the database (the backtest runs it on a
world frozen at a past date). The method and its evidence: docs/standards-forecasting.md and
ADR 0021.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

OPEN = np.iinfo(np.int32).max  # end day of a case still open (the extracts use it too)


@dataclass(frozen=True)
class Lifetimes:
    """One service's cases as known at some day T: receipt, end (decision or withdrawal, OPEN
    while open at T) and whether the end was a withdrawal."""

    received: np.ndarray
    ended: np.ndarray
    withdrawn: np.ndarray  # bool

    def frozen_at(self, t: int) -> Lifetimes:
        """What was known on day t: cases received by then, anything ending later still open."""
        keep = self.received <= t
        ended = np.where(self.ended[keep] > t, OPEN, self.ended[keep])
        withdrawn = self.withdrawn[keep] & (ended != OPEN)
        return Lifetimes(self.received[keep], ended, withdrawn)


@dataclass(frozen=True)
class Exposure:
    """Cases at risk and decisions by age (index = age in days) over a span of days."""

    at_risk: np.ndarray
    events: np.ndarray


def exposure(cases: Lifetimes, *, first_day: int, last_day: int, length: int) -> Exposure:
    """At-risk counts and decisions by age over calendar days [first_day, last_day].

    A case is at risk at age x on day received + x while it has not ended: through its
    decision day (the decision is the event), through the day before a withdrawal, through
    last_day while open. Built with a difference array: one add and one subtract per case.
    """
    received = cases.received.astype(np.int64)
    ended = cases.ended.astype(np.int64)
    open_ = ended == OPEN
    last_exposed = np.where(
        open_, last_day, np.where(cases.withdrawn, ended - 1, np.minimum(ended, last_day))
    )
    last_exposed = np.minimum(last_exposed, last_day)
    lo = np.maximum(first_day - received, 0)
    hi = np.minimum(last_exposed - received, length - 1)
    inside = hi >= lo
    diff = np.zeros(length + 1, dtype=np.int64)
    np.add.at(diff, lo[inside], 1)
    np.add.at(diff, hi[inside] + 1, -1)
    at_risk = np.cumsum(diff[:-1])
    decided = (
        ~open_ & ~cases.withdrawn & (ended >= first_day) & (ended <= last_day) & (ended >= received)
    )
    ages = (ended - received)[decided]
    events = np.bincount(ages[ages < length], minlength=length).astype(np.int64)
    return Exposure(at_risk=at_risk, events=events)


def hazards(window: Exposure) -> np.ndarray:
    """Daily decision hazard by age; 0 where nobody was at risk."""
    with np.errstate(divide="ignore", invalid="ignore"):
        h = np.where(window.at_risk > 0, window.events / window.at_risk, 0.0)
    return np.clip(h, 0.0, 1.0)


@dataclass(frozen=True)
class Curve:
    """A fitted survival curve and how far the data supports it."""

    survival: np.ndarray  # G[x] = P(wait > x)
    supported_to: int  # last age with at least min_at_risk cases at risk (−1: none)
    pace_ratio: float | None  # recent decisions ÷ what the window's hazards expected
    slowed: bool  # pace_ratio below the threshold: the hazards were scaled down by it

    @property
    def usable(self) -> bool:
        return self.supported_to >= 0


def curve_fit(
    cases: Lifetimes,
    *,
    as_of_day: int,
    window_days: int,
    min_at_risk: int,
    recent_days: int,
    slow_ratio: float,
    min_expected: float,
) -> Curve:
    """Fit the period survival curve on (T − W, T], and check the recent pace against it.

    The pace check compares the decisions of the last `recent_days` with those the window's
    hazards predict for the cases at risk then (observed ÷ expected). Below `slow_ratio`, with
    at least `min_expected` decisions expected, the service has slowed down: the hazards are
    scaled by the ratio, which widens every estimate, and the manager is warned.
    """
    if len(cases.received) == 0:
        return Curve(np.ones(1), -1, None, False)
    length = int(as_of_day - cases.received.min()) + 2
    window = exposure(
        cases, first_day=as_of_day - window_days + 1, last_day=as_of_day, length=length
    )
    h = hazards(window)
    recent = exposure(
        cases, first_day=as_of_day - recent_days + 1, last_day=as_of_day, length=length
    )
    expected = float((recent.at_risk * h).sum())
    observed = float(recent.events.sum())
    ratio = observed / expected if expected > 0 else None
    slowed = ratio is not None and expected >= min_expected and ratio < slow_ratio
    if slowed and ratio is not None:
        h = h * ratio
    supported = window.at_risk >= min_at_risk
    # Support ends at the first age with too few cases at risk: past it, a quantile would
    # rest on a handful of cases.
    supported_to = int(np.argmin(supported)) - 1 if not supported.all() else length - 1
    if window.events.sum() == 0:
        supported_to = -1
    return Curve(
        survival=np.cumprod(1.0 - h),
        supported_to=supported_to,
        pace_ratio=ratio,
        slowed=slowed,
    )


@dataclass(frozen=True)
class Remaining:
    """Days from T to the decision at one percentile, per case; open-ended where the data does
    not reach (`days` is then the lower bound: "more than `days`")."""

    days: np.ndarray
    open_ended: np.ndarray  # bool


def _first_at_or_below(g: np.ndarray, target: np.ndarray) -> np.ndarray:
    """Index of the first age where the (non-increasing) survival is at or below target."""
    return np.searchsorted(-g, -target, side="left")


def remaining(curve: Curve, ages: np.ndarray, percentile: int) -> Remaining:
    """The `percentile`-th percentile of the days still to wait, for cases open on day T at
    `ages` (T − receipt: a case open at T has lasted through that age). At least 1 day."""
    ages = np.asarray(ages, dtype=np.int64)
    g = curve.survival
    last = curve.supported_to
    if last < 0:
        return Remaining(np.zeros(len(ages), dtype=np.int64), np.ones(len(ages), dtype=bool))
    survived = g[np.minimum(ages, len(g) - 1)]
    index = _first_at_or_below(g, survived * (1 - percentile / 100))
    days = np.maximum(index - ages, 1)
    open_ended = (index > last) | (ages >= last)
    days = np.where(open_ended, np.maximum(last - ages, 0), days)
    return Remaining(days.astype(np.int64), open_ended)


def forward(curve: Curve, percentile: int) -> tuple[int, bool]:
    """Days to the decision at `percentile` for an application received on day T (its age 0),
    and whether that is open-ended ("more than" that many days)."""
    last = curve.supported_to
    if last < 0:
        return 0, True
    index = int(_first_at_or_below(curve.survival, np.array([1 - percentile / 100]))[0])
    if index > last:
        return last, True
    return max(index, 1), False
