#!/usr/bin/env python3
"""Guichet benchmarks: run them all (or one) and print a table.

    .venv/bin/python bench/run.py [--quick] [--only NAME] [--cases N] [--calls N]

Benchmarks of the foundation (issue 2):
- seed-sqlite, seed-postgres: `manage.py seed_demo` of 1,000,000 cases into a fresh database
  (var/bench/seed.sqlite3; the PostgreSQL database guichet_bench, created and dropped here):
  cases per second with their steps and history, CPU time, peak memory.
  Targets: ≥ 5,000 cases/s, peak memory < 2 GB.
- status-sqlite, status-postgres: the status selector on those databases: median and p99 per
  call and SQL queries per call, random cases and short and long histories, against a plain
  `Case.objects.get` in the same run. Target: a small constant number of queries.
`--only seed` or `--only sqlite` select by part of the name. Other modules' benchmarks
(bench/bench_*.py) run with `--only NAME` (e.g. `--only ivr`) and print their own output.
PostgreSQL is skipped, with a message, when the server does not answer.
`--quick` is a smoke run: 20,000 cases and 200 calls. `--reuse` keeps the databases for the
next run and reuses them when they hold the number of cases asked for (status only, then).
"""

import argparse
import json
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import machine
import seed_bench

HERE = Path(__file__).resolve().parent
VAR = HERE.parent / "var" / "bench"
OURS = ("seed-sqlite", "status-sqlite", "seed-postgres", "status-postgres")
TARGET_RATE = 5_000
TARGET_MB = 2048


def postgres_urls(base: str) -> tuple[str, str]:
    root = base.rsplit("/", 1)[0]
    return base, f"{root}/guichet_bench"


def postgres_admin(url: str, *statements: str) -> None:
    import psycopg

    with psycopg.connect(url, autocommit=True, connect_timeout=3) as conn:
        for statement in statements:
            conn.execute(statement)


def count_cases(url: str) -> int:
    code = "from guichet.cases.models import Case; print(Case.objects.count())"
    try:
        return int(seed_bench.manage(url, "shell", "-c", code).strip().splitlines()[-1])
    except (RuntimeError, ValueError, IndexError):
        return 0


def prepare_sqlite(cases: int, *, reuse: bool) -> tuple[str, bool]:
    """The benchmark's SQLite file, fresh (or kept from an earlier run, with --reuse)."""
    VAR.mkdir(parents=True, exist_ok=True)
    path = VAR / ("seed.sqlite3" if cases >= 1_000_000 else f"seed-{cases}.sqlite3")
    url = f"sqlite:///{path}"
    if reuse and path.exists() and count_cases(url) == cases:
        return url, True
    for suffix in ("", "-wal", "-shm"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)
    seed_bench.manage(url, "migrate", "--verbosity=0")
    return url, False


def prepare_postgres(admin_url: str, url: str, cases: int, *, reuse: bool) -> tuple[str, bool]:
    """The database guichet_bench, created afresh (or kept, with --reuse)."""
    postgres_admin(admin_url)  # raises when the server does not answer
    if reuse and count_cases(url) == cases:
        return url, True
    postgres_admin(
        admin_url,
        "DROP DATABASE IF EXISTS guichet_bench WITH (FORCE)",
        "CREATE DATABASE guichet_bench",
    )
    seed_bench.manage(url, "migrate", "--verbosity=0")
    return url, False


def status(url: str, calls: int) -> dict:
    out = subprocess.run(
        [sys.executable, str(HERE / "status_bench.py"), f"--calls={calls}"],
        env=seed_bench.environment(url),
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        raise RuntimeError(f"status_bench failed:\n{out.stderr[-3000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def table(rows: list[list[str]]) -> str:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
             for row in rows]  # fmt: skip
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--quick", action="store_true", help="smoke run: 20,000 cases")
    parser.add_argument("--only", help="run the benchmarks whose name contains this")
    parser.add_argument("--cases", type=int)
    parser.add_argument("--calls", type=int)
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--workers", type=int, help="seed_demo --workers (default: its own)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the databases, and reuse them when they hold --cases cases (status only)",
    )
    options = parser.parse_args()
    cases = options.cases or (20_000 if options.quick else 1_000_000)
    calls = options.calls or (200 if options.quick else 2_000)

    others = sorted(p.stem.removeprefix("bench_") for p in HERE.glob("bench_*.py"))
    if options.only and options.only in others:
        return subprocess.call([sys.executable, str(HERE / f"bench_{options.only}.py")])
    selected = [name for name in OURS if not options.only or options.only in name]
    if not selected:
        parser.error(f"no benchmark matches {options.only!r}: {', '.join(OURS + tuple(others))}")

    info = machine.describe(options.postgres_url)
    print("Machine: " + "; ".join(f"{k}: {v}" for k, v in info.items()), flush=True)
    seeds: list[list[str]] = [
        ["database", "cases", "events", "wall s", "cases/s", "CPU s", "max RSS MB",
         "peak PSS MB (tree)", "load 1 min before/after", "targets"],
    ]  # fmt: skip
    statuses: list[list[str]] = [
        ["database", "cases", "sample", "calls", "events (median/max)", "queries/call",
         "median ms", "p99 ms", "get(pk) median ms", "ratio"],
    ]  # fmt: skip
    results: dict[str, object] = {"machine": info, "seed": {}, "status": {}}
    admin_url, bench_url = postgres_urls(options.postgres_url)
    for vendor in ("sqlite", "postgres"):
        wanted = [name for name in selected if name.endswith(vendor)]
        if not wanted:
            continue
        if vendor == "postgres":
            try:
                url, kept = prepare_postgres(admin_url, bench_url, cases, reuse=options.reuse)
            except Exception as error:  # any failure to connect: skip
                print(f"PostgreSQL skipped: {options.postgres_url} did not answer ({error})")
                continue
        else:
            url, kept = prepare_sqlite(cases, reuse=options.reuse)
        try:
            if kept:
                print(f"Reusing the {cases:,}-case {vendor} database: seeding not measured.")
            elif f"seed-{vendor}" in wanted:
                print(f"Seeding {cases:,} cases on {vendor}…", flush=True)
                run = seed_bench.seed(url, cases=cases, workers=options.workers)
                results["seed"][vendor] = run.__dict__ | {"cases_per_second": run.cases_per_second}  # type: ignore[index]
                met = run.cases_per_second >= TARGET_RATE and run.peak_pss_mb < TARGET_MB
                seeds.append([
                    vendor, f"{run.cases:,}", f"{run.events:,}", f"{run.seconds:.1f}",
                    f"{run.cases_per_second:,.0f}", f"{run.cpu_seconds:.1f}",
                    f"{run.max_rss_mb:,.0f}", f"{run.peak_pss_mb:,.0f}",
                    f"{run.load_before:.1f}/{run.load_after:.1f}", "met" if met else "NOT met",
                ])  # fmt: skip
            else:
                print(f"Seeding {cases:,} cases on {vendor} for the status benchmark…", flush=True)
                seed_bench.seed(url, cases=cases, workers=options.workers)
            if f"status-{vendor}" in wanted:
                print(f"Status selector on {vendor}…", flush=True)
                measured = status(url, calls)
                results["status"][vendor] = measured  # type: ignore[index]
                for name, group in measured["groups"].items():
                    statuses.append([
                        vendor, f"{measured['cases']:,}", name, str(group["calls"]),
                        f"{group['events_median']:.0f}/{group['events_max']}",
                        ",".join(map(str, group["queries"])), f"{group['median_ms']:.3f}",
                        f"{group['p99_ms']:.3f}", f"{group['baseline_median_ms']:.3f}",
                        f"{group['median_ms'] / group['baseline_median_ms']:.1f}×",
                    ])  # fmt: skip
        finally:
            if vendor == "postgres" and not options.reuse:
                postgres_admin(admin_url, "DROP DATABASE IF EXISTS guichet_bench WITH (FORCE)")
    print()
    if len(seeds) > 1:
        print(f"seed_demo (targets: ≥ {TARGET_RATE:,} cases/s, peak memory < {TARGET_MB:,} MB)")
        print(table(seeds))
    if len(statuses) > 1:
        print()
        print("Status selector (case_status_get) against Case.objects.get(pk=…)")
        print(table(statuses))
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
