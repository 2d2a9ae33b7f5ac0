"""Percentiles by the nearest-rank method, which a person can check by hand: sort the n values;
the p-th percentile is the value at rank ceil(p/100 × n). Every figure is then one of the
observed values, never an interpolated day that no case took."""

import math
from collections.abc import Iterable, Mapping

PERCENTILES = (50, 80, 90)


def rank_of(p: int, n: int) -> int:
    """The 1-based rank of the p-th percentile among n values: ceil(p × n / 100)."""
    return max(1, math.ceil(p * n / 100))


def percentile_of_histogram(histogram: Mapping[int, int], p: int) -> int | None:
    """The p-th percentile of values given as {value: count}; None when there are none."""
    n = sum(histogram.values())
    if n == 0:
        return None
    wanted = rank_of(p, n)
    seen = 0
    for value in sorted(histogram):
        seen += histogram[value]
        if seen >= wanted:
            return value
    return None  # pragma: no cover - unreachable: seen reaches n


def percentile_of_values(values: Iterable[int], p: int) -> int | None:
    ordered = sorted(values)
    if not ordered:
        return None
    return ordered[rank_of(p, len(ordered)) - 1]
