"""The comparisons of the linkage model, each level written twice: in SQL for Splink and as
a Python predicate for the in-process scorer (`scoring.py`). One list, so the two cannot
drift apart; `tests/test_scoring.py` checks that they put sample pairs in the same level.

Levels go from the most to the least specific; a pair falls in the first level whose
condition holds. Level 0 is the null level (a blank on either side: no evidence either way).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import jellyfish

from guichet.identity_link.features import Features

Predicate = Callable[[Features, Features], bool]


@dataclass(frozen=True)
class Level:
    label: str
    sql: str
    test: Predicate
    null: bool = False
    tf_column: str | None = None


@dataclass(frozen=True)
class Comparison:
    name: str
    description: str
    levels: tuple[Level, ...]

    def level_of(self, left: Features, right: Features) -> int:
        """The index of the level this pair falls in (the last one, `else`, always holds)."""
        for index, level in enumerate(self.levels):
            if level.test(left, right):
                return index
        raise AssertionError("the last level of a comparison must always hold")


def _jw(a: str, b: str) -> float:
    return jellyfish.jaro_winkler_similarity(a, b) if a and b else 0.0


def _dl(a: str, b: str) -> int:
    return jellyfish.damerau_levenshtein_distance(a, b)


def _null(column: str) -> Level:
    return Level(
        f"{column} blank",
        f'"{column}_l" IS NULL OR "{column}_r" IS NULL',
        lambda left, right: not getattr(left, column) or not getattr(right, column),
        null=True,
    )


def _exact(column: str, *, tf: bool = False) -> Level:
    return Level(
        f"{column} exact",
        f'"{column}_l" = "{column}_r"',
        lambda left, right: getattr(left, column) == getattr(right, column),
        tf_column=column if tf else None,
    )


def _else() -> Level:
    return Level("all other", "ELSE", lambda left, right: True)


def _jaro_winkler(column: str, threshold: float) -> Level:
    return Level(
        f"{column} Jaro-Winkler >= {threshold}",
        f'jaro_winkler_similarity("{column}_l", "{column}_r") >= {threshold}',
        lambda left, right: _jw(getattr(left, column), getattr(right, column)) >= threshold,
    )


def _damerau(column: str, distance: int) -> Level:
    return Level(
        f"{column} Damerau-Levenshtein <= {distance}",
        f'damerau_levenshtein("{column}_l", "{column}_r") <= {distance}',
        lambda left, right: _dl(getattr(left, column), getattr(right, column)) <= distance,
    )


def _same_list(column: str) -> Level:
    return Level(
        f"{column} same set",
        f'"{column}_l" = "{column}_r"',
        lambda left, right: getattr(left, column) == getattr(right, column),
    )


def _overlap(column: str) -> Level:
    return Level(
        f"{column} share a name",
        f'list_has_any("{column}_l", "{column}_r")',
        lambda left, right: bool(set(getattr(left, column)) & set(getattr(right, column))),
    )


FAMILY = Comparison(
    "family_name",
    "Family name: exact, same names in another order or form, swapped with the given names, "
    "close spelling, one name of a compound name in common",
    (
        _null("family"),
        _exact("family", tf=True),
        _same_list("family_tokens"),
        Level(
            "family and given names swapped",
            '"family_l" = "given_r" AND "given_l" = "family_r"',
            lambda left, right: left.family == right.given and left.given == right.family,
        ),
        _jaro_winkler("family", 0.92),
        _overlap("family_tokens"),
        _jaro_winkler("family", 0.8),
        _else(),
    ),
)

GIVEN = Comparison(
    "given_names",
    "Given names: exact, same first name or its French/English variant, same names in another "
    "order, one name in common, close spelling",
    (
        _null("given"),
        _exact("given", tf=True),
        _exact("given_first", tf=True),
        _same_list("given_tokens"),
        _overlap("given_tokens"),
        _jaro_winkler("given", 0.9),
        _jaro_winkler("given", 0.8),
        _else(),
    ),
)


def _day_month_swapped(left: Features, right: Features) -> bool:
    a, b = left.dob, right.dob
    return len(a) == len(b) == 8 and a[:4] == b[:4] and a[4:6] == b[6:8] and a[6:8] == b[4:6]


DATE_OF_BIRTH = Comparison(
    "date_of_birth",
    "Date of birth: exact, one typing error, day and month swapped, two typing errors",
    (
        _null("dob"),
        _exact("dob"),
        _damerau("dob", 1),
        Level(
            "dob day and month swapped",
            'substr("dob_l", 1, 4) = substr("dob_r", 1, 4) '
            'AND substr("dob_l", 5, 2) = substr("dob_r", 7, 2) '
            'AND substr("dob_l", 7, 2) = substr("dob_r", 5, 2)',
            _day_month_swapped,
        ),
        _damerau("dob", 2),
        _else(),
    ),
)

SEX = Comparison("sex", "Sex F/M/X: same or not", (_null("sex"), _exact("sex"), _else()))

BIRTH_PLACE = Comparison(
    "birth_place",
    "Place of birth: exact, close spelling",
    (
        _null("birth_place"),
        _exact("birth_place", tf=True),
        _jaro_winkler("birth_place", 0.88),
        _else(),
    ),
)

POSTAL_CODE = Comparison(
    "postal_code",
    "Postal code: exact, one typing error, same area (first three characters)",
    (
        _null("postal"),
        _exact("postal"),
        _damerau("postal", 1),
        _exact("postal_area"),
        _else(),
    ),
)

COMPARISONS: tuple[Comparison, ...] = (FAMILY, GIVEN, DATE_OF_BIRTH, SEX, BIRTH_PLACE, POSTAL_CODE)


def splink_comparison(comparison: Comparison) -> dict:
    """The comparison as a Splink settings dictionary (DuckDB SQL)."""
    levels = []
    for level in comparison.levels:
        entry: dict = {"sql_condition": level.sql, "label_for_charts": level.label}
        if level.null:
            entry["is_null_level"] = True
        if level.tf_column:
            entry["tf_adjustment_column"] = level.tf_column
            entry["tf_adjustment_weight"] = 1.0
        levels.append(entry)
    return {
        "output_column_name": comparison.name,
        "comparison_description": comparison.description,
        "comparison_levels": levels,
    }
