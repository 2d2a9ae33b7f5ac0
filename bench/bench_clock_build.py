#!/usr/bin/env python3
"""First clock build: the old Python fold case by case against the set-based build (issue 11).

Seeds a demo population (cases with their steps and events, `guichet.demo`) once per database
and size, then in the same run, `--repeat` times each: the old loop (batches of 2,000 cases,
`clocks._rebuild_batch`, each event through `ClockState.apply`) and `clocks.clocks_build`
(clock_bulk: numpy over one extract per chunk, one bulk insert). Checks that both leave the
same rows (a checksum of every column), and prints medians with the machine.

    .venv/bin/python bench/bench_clock_build.py [--cases 200000] [--database sqlite|postgres]
        [--repeat 3] [--fresh]
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import json
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
VAR = ROOT / "var" / "bench"
POSTGRES = "postgres://postgres@127.0.0.1:5432"
AS_OF = dt.date(2026, 3, 2)


def database_url(kind: str, cases: int, fresh: bool) -> str:
    name = f"clocks_{cases}"
    if kind == "sqlite":
        VAR.mkdir(parents=True, exist_ok=True)
        path = VAR / f"{name}.sqlite3"
        if fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        if fresh:
            connection.execute(f'DROP DATABASE IF EXISTS "bench_{name}" WITH (FORCE)')
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [f"bench_{name}"]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "bench_{name}"')
    return f"{POSTGRES}/bench_{name}"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--cases", type=int, default=200_000)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--fresh", action="store_true")
    args = parser.parse_args()
    os.environ["DATABASE_URL"] = database_url(args.database, args.cases, args.fresh)
    os.environ["DJANGO_SETTINGS_MODULE"] = "guichet.config.django.test"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)
    import machine
    from django.core.management import call_command
    from django.db import connection

    from guichet.cases.models import Case, CaseEvent
    from guichet.demo.seeding import seed_population
    from guichet.standards import clocks
    from guichet.standards.clock import step_codes
    from guichet.standards.models import CaseClock

    call_command("migrate", verbosity=0)
    if Case.objects.count() != args.cases:
        if Case.objects.exists():
            raise SystemExit(f"{os.environ['DATABASE_URL']} holds other data: use --fresh.")
        print(f"Seeding {args.cases:,} demo cases…", flush=True)
        seed_population(cases=args.cases, seed=2016, as_of=AS_OF, progress=False)
    events = CaseEvent.objects.count()
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE" if connection.vendor == "postgresql" else "ANALYZE")

    def clear() -> None:
        with connection.cursor() as cursor:
            cursor.execute(f"DELETE FROM {CaseClock._meta.db_table}")

    def old_loop() -> int:
        """clocks_rebuild() as it was: batches of 2,000, each case folded in Python."""
        codes, total, last = step_codes(), 0, 0
        while True:
            batch = list(
                Case.objects.order_by("pk")
                .filter(pk__gt=last)
                .values_list("pk", "service_id", "received_at", "applied_from")[
                    : clocks.REBUILD_BATCH
                ]
            )
            if not batch:
                return total
            last = batch[-1][0]
            total += clocks._rebuild_batch(batch, codes, None)

    fields = [field.attname for field in CaseClock._meta.concrete_fields]

    def checksum() -> str:
        digest = hashlib.sha256()
        for row in CaseClock.objects.order_by("case_id").values_list(*fields).iterator(10_000):
            digest.update(repr(row).encode())
        return digest.hexdigest()[:16]

    times: dict[str, list[float]] = {"old": [], "new": []}
    cpu: dict[str, list[float]] = {"old": [], "new": []}
    sums: dict[str, str] = {}
    folded = 0
    for _ in range(args.repeat):
        for name in ("old", "new"):
            clear()
            started, cpu_started = time.perf_counter(), time.process_time()
            if name == "old":
                old_loop()
            else:
                folded = clocks.clocks_build().folded
            times[name].append(time.perf_counter() - started)
            cpu[name].append(time.process_time() - cpu_started)
            print(f"  {name}: {times[name][-1]:.1f} s (CPU {cpu[name][-1]:.1f} s)", flush=True)
            sums[name] = checksum()
    result = {
        "database": connection.vendor,
        "cases": args.cases,
        "events": events,
        "folded_in_python": folded,
        "old_median_s": round(statistics.median(times["old"]), 1),
        "new_median_s": round(statistics.median(times["new"]), 1),
        # CPU of this process: on SQLite the database works in it too, so this is close to
        # what the build costs on an idle machine (wall-clock depends on the load).
        "old_cpu_median_s": round(statistics.median(cpu["old"]), 1),
        "new_cpu_median_s": round(statistics.median(cpu["new"]), 1),
        "old_runs_s": [round(t, 1) for t in times["old"]],
        "new_runs_s": [round(t, 1) for t in times["new"]],
        "same_rows": sums["old"] == sums["new"],
        "machine": machine.describe(f"{POSTGRES}/postgres"),
    }
    print(json.dumps(result, indent=2))
    if not result["same_rows"]:
        raise SystemExit("The two builds left different rows.")


if __name__ == "__main__":
    main()
