"""Scoring a few candidate pairs in process, with the stored model's m and u (ADR 0024).

For one applicant against the handful of clients a SQL block returns, starting DuckDB would
cost more than the whole receipt: the same comparisons (`comparisons.py`) are evaluated in
Python and the match weight is the prior plus log2(m/u) of each comparison's level. Term-
frequency adjustments are not applied here (Splink applies them to files), so a common name
weighs as much as a rare one: the in-process score is the more cautious of the two.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from guichet.identity_link.comparisons import COMPARISONS
from guichet.identity_link.features import Features
from guichet.identity_link.model import LinkageModel


@dataclass(frozen=True)
class Evidence:
    comparison: str
    level: str
    weight: float  # log2 Bayes factor: positive for, negative against


@dataclass(frozen=True)
class Score:
    match_weight: float
    match_probability: float
    evidence: tuple[Evidence, ...]


@cache
def stored_model() -> LinkageModel:
    return LinkageModel.load()


def pair_score(left: Features, right: Features, *, model: LinkageModel | None = None) -> Score:
    """The match probability of two records and the evidence of each comparison."""
    model = model or stored_model()
    weights = model.level_weights()
    total = model.prior_weight()
    evidence = []
    for comparison, level_weights in zip(COMPARISONS, weights, strict=True):
        index = comparison.level_of(left, right)
        weight = level_weights[index]
        total += weight
        evidence.append(Evidence(comparison.name, comparison.levels[index].label, weight))
    probability = 2**total / (1 + 2**total)
    return Score(total, probability, tuple(evidence))
