#!/usr/bin/env python3
"""The satisfaction analysis over a large survey (issue 12).

Into a fresh database (var/bench/feedback.sqlite3, and the PostgreSQL database
guichet_bench_feedback, created and dropped here), `feedback.demo.seed_feedback_demo` writes
two cohorts of invitations with realistic non-response; then, in the same process:
- load: `selectors.analysis_frame()` (one query, the answers parsed from JSON);
- full: `selectors.satisfaction_report(frame=…)` (breakdown by year with weights and
  suppression, response rates, 2013 vs 2015 with Holm, key drivers, weak areas: every cohort
  dimension × every question against the rest);
- pandas: a plain pandas computation of the same shares (satisfied per year × question,
  per dimension group × question, response rates), no intervals, tests nor suppression.
Median of `--repeat` runs. Target: load + full ≤ 10 s at 1,000,000 responses.

    .venv/bin/python bench/bench_feedback.py [--responses 1000000] [--repeat 3] [--no-postgres]
        [--reuse]   (the SQLite database of the last run: the seed is skipped, seed_s ≈ 0)
    (or: make bench ARGS="--only feedback")
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

import machine  # noqa: E402
import seed_bench  # noqa: E402

VAR = HERE.parent / "var" / "bench"
RESPONSE_RATE = 0.45  # about what the demo cohorts give


def child(responses: int, repeat: int) -> None:
    import django

    django.setup()
    import pandas as pd

    from guichet.feedback import analysis
    from guichet.feedback.demo import seed_feedback_demo
    from guichet.feedback.selectors import analysis_frame, satisfaction_report

    invitations = int(responses / RESPONSE_RATE)
    started = time.perf_counter()
    summary = seed_feedback_demo(
        seed=7, cohorts={2013: invitations // 2, 2015: invitations - invitations // 2}, live=0
    )
    seeded = time.perf_counter() - started
    loads, fulls, plains = [], [], []
    for _ in range(repeat):
        t0 = time.perf_counter()
        frame = analysis_frame()
        t1 = time.perf_counter()
        report = satisfaction_report(frame=frame)
        t2 = time.perf_counter()
        respondents = frame[frame["submitted"]]
        measures = report.measures
        sat = (
            respondents[measures]
            .apply(pd.to_numeric, errors="coerce")
            .ge(4)
            .where(respondents[measures].notna())
        )
        for dimension in analysis.DIMENSIONS:
            sat.groupby(respondents[dimension]).mean()
            frame.groupby(dimension)["submitted"].mean()
        t3 = time.perf_counter()
        loads.append(t1 - t0)
        fulls.append(t2 - t1)
        plains.append(t3 - t2)
    print(
        json.dumps(
            {
                "invitations": summary.invitations,
                "responses": summary.responses,
                "seed_s": seeded,
                "load_s": statistics.median(loads),
                "full_s": statistics.median(fulls),
                "pandas_s": statistics.median(plains),
                "weak_found": len(report.weak),
            }
        )
    )


def run(url: str, responses: int, repeat: int) -> dict:
    seed_bench.manage(url, "migrate", "--verbosity=0")
    out = subprocess.run(
        [sys.executable, __file__, "--child", f"--responses={responses}", f"--repeat={repeat}"],
        env=seed_bench.environment(url),
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        raise RuntimeError(out.stderr[-3000:])
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--responses", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--no-postgres", action="store_true")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--child", action="store_true")
    parser.add_argument(
        "--reuse", action="store_true", help="keep var/bench/feedback.sqlite3 if it is there"
    )
    options = parser.parse_args()
    if options.child:
        child(options.responses, options.repeat)
        return 0
    print(json.dumps(machine.describe(options.postgres_url)))
    VAR.mkdir(parents=True, exist_ok=True)
    path = VAR / "feedback.sqlite3"
    if not options.reuse:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    results = {"sqlite": run(f"sqlite:///{path}", options.responses, options.repeat)}
    print(json.dumps({"sqlite": results["sqlite"]}), flush=True)
    if not options.no_postgres:
        import psycopg

        admin = options.postgres_url
        url = admin.rsplit("/", 1)[0] + "/guichet_bench_feedback"
        with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
            conn.execute("DROP DATABASE IF EXISTS guichet_bench_feedback WITH (FORCE)")
            conn.execute("CREATE DATABASE guichet_bench_feedback")
        try:
            results["postgres"] = run(url, options.responses, options.repeat)
            print(json.dumps({"postgres": results["postgres"]}), flush=True)
        finally:
            with psycopg.connect(admin, autocommit=True, connect_timeout=3) as conn:
                conn.execute("DROP DATABASE IF EXISTS guichet_bench_feedback WITH (FORCE)")
    print(
        f"{'database':10} {'responses':>10} {'seed s':>8} {'load s':>8} {'analysis s':>11} "
        f"{'load+analysis':>14} {'pandas s':>9} {'weak':>5}"
    )
    for name, r in results.items():
        print(
            f"{name:10} {r['responses']:>10,} {r['seed_s']:>8.1f} {r['load_s']:>8.2f} "
            f"{r['full_s']:>11.2f} {r['load_s'] + r['full_s']:>14.2f} {r['pandas_s']:>9.2f} "
            f"{r['weak_found']:>5}"
        )
    print(f"load average: {os.getloadavg()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
