#!/usr/bin/env python3
"""Forecast backtests on demo databases of two seeds (issue 11).

For each seed: `seed_demo --cases N --seed S` into var/bench/backtest-S-N.sqlite3 (kept and
reused), `standards_refresh`, then `standards_backtest --slow visitor-visa`: three freeze
dates (365, 273 and 182 days before the last decision) and the slow-down scenario, each
service's p80 coverage beside the naive estimate. The summary counts the service × date
cells with at least 50 cases scored and how many hold the target (75–85 %).

    .venv/bin/python bench/bench_backtest.py [--cases 200000] [--seeds 1 2] [--fresh]
    (or: make bench ARGS="--only backtest")
"""

from __future__ import annotations

import argparse
import os
import re
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import machine
import seed_bench

VAR = Path(__file__).resolve().parents[1] / "var" / "bench"
ROW = re.compile(r"^(?P<service>[a-z-]+)\s+(?P<open>\d+)\s+(?P<scored>\d+)\s+\S+\s+(?P<p80>\S+)")
MIN_SCORED = 50


def database(seed: int, cases: int, *, fresh: bool) -> str:
    VAR.mkdir(parents=True, exist_ok=True)
    path = VAR / f"backtest-{seed}-{cases}.sqlite3"
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    if not path.exists():
        seed_bench.manage(url, "migrate", "--verbosity=0")
        seed_bench.manage(url, "compile_translations")
        seed_bench.manage(url, "seed_demo", "--cases", str(cases), "--seed", str(seed))
        seed_bench.manage(url, "standards_refresh")
    return url


def cells(output: str) -> list[tuple[str, str, int, int | None]]:
    """(scenario, service, scored, p80 %) for every service row of every table printed."""
    found = []
    scenario = ""
    for line in output.splitlines():
        if line.startswith("Backtest ("):
            scenario = line
        match = ROW.match(line)
        if match and match["service"] != "all":
            p80 = match["p80"]
            percent = int(p80[:-1]) if p80.endswith("%") else None
            found.append((scenario, match["service"], int(match["scored"]), percent))
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2])
    parser.add_argument("--fresh", action="store_true", help="seed the databases again")
    options = parser.parse_args()
    print(
        f"Machine: {os.cpu_count()} CPUs ({machine.cpu_model()}), {machine.memory_gib():.0f} GiB, "
        f"load {machine.load_average()}"
    )
    total = within = 0
    for seed in options.seeds:
        started = time.perf_counter()
        url = database(seed, options.cases, fresh=options.fresh)
        prepared = time.perf_counter()
        output = seed_bench.manage(url, "standards_backtest", "--slow", "visitor-visa")
        finished = time.perf_counter()
        print(f"\n## Seed {seed}, {options.cases:,} cases")
        print(output)
        recorded = [c for c in cells(output) if "as recorded" in c[0]]
        scored = [c for c in recorded if c[2] >= MIN_SCORED and c[3] is not None]
        inside = [c for c in scored if 75 <= (c[3] or 0) <= 85]
        outside = [f"{service} {p80}%" for _s, service, _n, p80 in scored if c_out(p80)]
        total += len(scored)
        within += len(inside)
        print(
            f"seed {seed}: {len(inside)} of {len(scored)} service × date cells with at least "
            f"{MIN_SCORED} cases scored hold 75–85 % (outside: {', '.join(outside) or 'none'}); "
            f"data ready in {prepared - started:.0f} s, backtest {finished - prepared:.1f} s"
        )
    print(f"\nAll seeds: {within} of {total} cells within the target.")
    return 0


def c_out(p80: int | None) -> bool:
    return p80 is not None and not 75 <= p80 <= 85


if __name__ == "__main__":
    raise SystemExit(main())
