"""Linking two files of people with Splink on DuckDB (ADR 0024).

`link_files()` is what `manage.py identity_link_files` runs: both files are turned into
features (`features.py`), the model is trained on them without labels (u by random sampling,
m by expectation maximisation, the prior from near-certain rules) or read from a stored
model, and every pair at or above the review threshold is scored.

The model is a Splink settings document; `model.py` wraps it with a version and the
thresholds. Nothing here is specific to DuckDB but the `DuckDBAPI`: the same settings run on
Spark with `SparkAPI` (ADR 0025).
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping
from typing import Any

import pandas as pd

from guichet.identity_link.comparisons import COMPARISONS, splink_comparison
from guichet.identity_link.features import features_of
from guichet.identity_link.model import LinkageModel

# Candidate pairs: a pair is scored when any rule holds. Each rule alone keeps the pairs
# few; together they catch a typo in any one field (a typo in the date of birth still
# meets the names rule, a misspelt name still meets the date rule).
BLOCKING_RULES = (
    ("dob",),
    ("family_sx", "given_sx"),
    ("family", "dob_year"),
    ("given_first", "postal"),
    ("family_sx", "birth_place"),
)
SWAPPED_RULE = 'l."family" = r."given" AND l."given" = r."family"'
# Expectation maximisation runs twice, on pairs found another way than the comparisons it
# trains: same date of birth (trains the names, sex, places), same names (trains the date).
TRAINING_RULES = (("dob",), ("family", "given"))
# Near-certain rules, for the proportion of pairs that match (the prior).
DETERMINISTIC_RULES = (("family", "given", "dob"), ("family", "dob", "postal"))
DETERMINISTIC_RECALL = 0.7
# No level is ever impossible among true matches: a sex designation changes, a clerk types
# the wrong box. Without this floor, a level EM never saw among matches (m close to 0) would
# outweigh every other agreement (a sex mismatch was worth -46 bits).
M_FLOOR = 0.005


def prepare(records: Iterable[Mapping[str, Any]]) -> pd.DataFrame:
    """One row of features per record; `unique_id` is the record's `record_id`."""
    rows = []
    for record in records:
        row = features_of(
            family_name=record.get("family_name"),
            given_names=record.get("given_names"),
            date_of_birth=record.get("date_of_birth"),
            sex=record.get("sex"),
            birth_place=record.get("birth_place"),
            postal_code=record.get("postal_code"),
        ).as_row()
        row["unique_id"] = str(record["record_id"])
        rows.append(row)
    return pd.DataFrame(rows)


def settings(*, retain: bool = False) -> dict[str, Any]:
    """The untrained model: link two files (not deduplicate each), our comparisons."""
    from splink import block_on

    rules: list[Any] = [block_on(*columns) for columns in BLOCKING_RULES] + [SWAPPED_RULE]
    return {
        "link_type": "link_only",
        "unique_id_column_name": "unique_id",
        "blocking_rules_to_generate_predictions": [
            rule if isinstance(rule, str) else rule.get_blocking_rule("duckdb").blocking_rule_sql
            for rule in rules
        ],
        "comparisons": [splink_comparison(comparison) for comparison in COMPARISONS],
        "retain_matching_columns": retain,
        "retain_intermediate_calculation_columns": retain,
    }


def _linker(left: pd.DataFrame, right: pd.DataFrame, model_settings: dict[str, Any]) -> Any:
    from splink import DuckDBAPI, Linker

    db_api = DuckDBAPI()
    tables = [
        db_api.register(left, dataset_display_name="file_left"),
        db_api.register(right, dataset_display_name="file_right"),
    ]
    return Linker(tables, model_settings, log_level=logging.WARNING)


def train(
    left: pd.DataFrame,
    right: pd.DataFrame,
    *,
    seed: int = 14,
    untrained: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Train the model on two prepared files, without labels; its Splink settings.
    `untrained` replaces `settings()` (the benchmark adds FEBRL's extra columns)."""
    from splink import block_on

    linker = _linker(left, right, untrained or settings())
    linker.training.estimate_probability_two_random_records_match(
        [block_on(*columns) for columns in DETERMINISTIC_RULES], recall=DETERMINISTIC_RECALL
    )
    linker.training.estimate_u_using_random_sampling(max_pairs=2e6, seed=seed)
    for columns in TRAINING_RULES:
        linker.training.estimate_parameters_using_expectation_maximisation(block_on(*columns))
    return m_floor(linker.misc.save_model_to_json())


def m_floor(trained: dict[str, Any]) -> dict[str, Any]:
    """The trained settings with every m probability at least M_FLOOR."""
    for comparison in trained["comparisons"]:
        for level in comparison["comparison_levels"]:
            m = level.get("m_probability")
            if m is not None and m < M_FLOOR:
                level["m_probability"] = M_FLOOR
    return trained


def predict(
    left: pd.DataFrame, right: pd.DataFrame, *, model: LinkageModel, threshold: float
) -> pd.DataFrame:
    """`left_id, right_id, match_probability` of every pair at or above `threshold`,
    most probable first."""
    linker = _linker(left, right, model.splink_settings)
    scored = linker.inference.predict(threshold_match_probability=threshold).as_pandas_dataframe()
    columns = ["left_id", "right_id", "match_probability"]
    if scored.empty:
        return pd.DataFrame(columns=columns)
    left_first = scored["source_dataset_l"] == "file_left"
    pairs = pd.DataFrame(
        {
            "left_id": scored["unique_id_l"].where(left_first, scored["unique_id_r"]),
            "right_id": scored["unique_id_r"].where(left_first, scored["unique_id_l"]),
            "match_probability": scored["match_probability"],
        }
    )
    return pairs.sort_values(
        ["match_probability", "left_id", "right_id"], ascending=[False, True, True]
    ).reset_index(drop=True)
