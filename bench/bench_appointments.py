#!/usr/bin/env python3
"""Nearest IRCC office for 100,000 postal codes (issue 13), offline.

Draws `--codes` random postal codes from the FSAs of the shipped data set (random last three
characters), then, `--repeat` times: reads and validates each code (`geo.fsa_of`) and finds the
nearest of the shipped IRCC offices (`selectors.nearest_of`, each FSA computed once), against
the same without the per-FSA memo (every code computed in full). Target: ≤ 5 s for 100,000.
No database: the offices come from data/points_of_service.toml as the loader reads them.

    .venv/bin/python bench/bench_appointments.py [--codes 100000] [--repeat 5]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.config.django.test")

import django  # noqa: E402

django.setup()

import machine  # noqa: E402

from guichet.appointments.geo import distance_km, fsa_of, fsa_places  # noqa: E402
from guichet.appointments.selectors import nearest_of  # noqa: E402

LETTERS = "ABCEGHJKLMNPRSTVWXYZ"


def offices() -> list[tuple[str, float, float]]:
    data = tomllib.loads((ROOT / "guichet/appointments/data/points_of_service.toml").read_text())
    return [
        (p["code"], float(p["latitude"]), float(p["longitude"]))
        for p in data["point"]
        if p["kind"] == "ircc"
    ]


def codes(n: int, seed: int = 13) -> list[str]:
    rng = random.Random(seed)
    fsas = sorted(fsa_places())
    return [
        f"{rng.choice(fsas)} {rng.randrange(10)}{rng.choice(LETTERS)}{rng.randrange(10)}"
        for _ in range(n)
    ]


def run_memo(postal: list[str], office_list: list[tuple[str, float, float]]) -> float:
    started = time.perf_counter()
    nearest_of([fsa_of(code) for code in postal], office_list)
    return time.perf_counter() - started


def run_plain(postal: list[str], office_list: list[tuple[str, float, float]]) -> float:
    places = fsa_places()
    started = time.perf_counter()
    for code in postal:
        place = places[fsa_of(code)]
        min(distance_km(place.latitude, place.longitude, lat, lon) for _c, lat, lon in office_list)
    return time.perf_counter() - started


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--codes", type=int, default=100_000)
    parser.add_argument("--repeat", type=int, default=5)
    options = parser.parse_args()
    fsa_places()  # loaded once per process, as in the server
    office_list = offices()
    postal = codes(options.codes)
    memo = [run_memo(postal, office_list) for _ in range(options.repeat)]
    plain = [run_plain(postal, office_list) for _ in range(options.repeat)]
    for key, value in machine.describe("postgres://postgres@127.0.0.1:5432/postgres").items():
        print(f"{key}: {value}")
    print(f"{options.codes:,} postal codes, {len(office_list)} IRCC offices, {options.repeat} runs")
    print(f"{'method':<34} {'median s':>9} {'min s':>7} {'codes/s':>10}")
    for name, times in (("per-FSA memo (nearest_of)", memo), ("every code in full", plain)):
        median = statistics.median(times)
        print(f"{name:<34} {median:>9.3f} {min(times):>7.3f} {options.codes / median:>10,.0f}")
    target = statistics.median(memo) <= 5
    print(f"target ≤ 5 s: {'met' if target else 'NOT met'}")
    return 0 if target else 1


if __name__ == "__main__":
    raise SystemExit(main())
