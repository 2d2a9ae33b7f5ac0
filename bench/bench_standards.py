#!/usr/bin/env python3
"""Service standards benchmark: refresh, forecasts and reads on millions of cases.

Targets (issue 5), on 5,000,000 decided and 1,000,000 open cases, SQLite and PostgreSQL:
- full refresh of the snapshot (processing times, compliance, inventory, at-risk) ≤ 5 s;
- forecasts for every open case ≤ 60 s;
- dashboard page and processing-times API served from the snapshot, p99 ≤ 100 ms;
- a plain pandas computation of the same figures over the same data, in the same run, for
  comparison (load from the database, then compute), with a check that the figures agree.

Data: a narrow generator (bench/standards_data.py) writes cases and their clock rows only.
It is generated once per database and size, then reused (--fresh to regenerate).

    .venv/bin/python bench/bench_standards.py [--cases-decided 5000000] [--cases-open 1000000]
        [--database sqlite|postgres|both] [--requests 200] [--fresh]
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import statistics
import subprocess
import sys
import time
import uuid
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
VAR = ROOT / "var" / "bench"
POSTGRES = "postgres://postgres@127.0.0.1:5432"


def machine() -> str:
    cpu = platform.processor() or ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        kb = int(Path("/proc/meminfo").read_text().split()[1])
        memory = f", {kb / 1024 / 1024:.0f} GiB RAM"
    except (OSError, ValueError, IndexError):
        pass
    return f"{os.cpu_count()} CPUs ({cpu}){memory}, Python {platform.python_version()}"


def database_url(kind: str, decided: int, open_: int) -> str:
    name = f"standards_{decided}_{open_}"
    if kind == "sqlite":
        VAR.mkdir(parents=True, exist_ok=True)
        return f"sqlite:///{VAR / (name + '.sqlite3')}"
    import psycopg

    with psycopg.connect(f"{POSTGRES}/postgres", autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [f"bench_{name}"]
        ).fetchone()
        if not exists:
            connection.execute(f'CREATE DATABASE "bench_{name}"')
    return f"{POSTGRES}/bench_{name}"


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[max(0, math.ceil(p / 100 * len(ordered)) - 1)]


def timed(function: Any, *args: Any, **kwargs: Any) -> tuple[float, Any]:
    """Wall-clock seconds (and the result); the process's CPU seconds go to LAST_CPU."""
    started, cpu = time.perf_counter(), time.process_time()
    result = function(*args, **kwargs)
    LAST_CPU[0] = time.process_time() - cpu
    return time.perf_counter() - started, result


# CPU seconds of this process for the last timed() call. On SQLite the database works inside
# this process, so on a busy machine this is close to what the step costs on an idle one.
LAST_CPU = [0.0]


def run_one(args: argparse.Namespace) -> dict[str, Any]:
    os.environ["DATABASE_URL"] = database_url(args.database, args.cases_decided, args.cases_open)
    os.environ["DJANGO_SETTINGS_MODULE"] = "guichet.config.django.test"
    os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")
    os.environ["ALLOWED_HOSTS"] = "testserver,localhost"
    import logging

    import django

    django.setup()
    logging.disable(logging.WARNING)  # sign-in and request logs would swamp the table
    from django.core.management import call_command
    from django.db import connection

    from bench.standards_data import generate
    from guichet.core import clock
    from guichet.standards.models import CaseClock

    call_command("migrate", verbosity=0)
    results: dict[str, Any] = {
        "database": connection.vendor,
        "load_average_at_start": os.getloadavg()[0],
        "machine": machine(),
        "decided": args.cases_decided,
        "open": args.cases_open,
    }
    total = CaseClock.objects.count()
    opened = CaseClock.objects.filter(decided_day__isnull=True).count()
    if args.fresh or (total, opened) != (args.cases_decided + args.cases_open, args.cases_open):
        if total:
            raise SystemExit(
                f"{os.environ['DATABASE_URL']} holds other data ({total} clocks): remove it first."
            )
        print(f"Generating {args.cases_decided:,} decided and {args.cases_open:,} open cases…")
        generated = generate(decided=args.cases_decided, open_=args.cases_open, seed=1)
        results["generate_seconds"] = round(generated.seconds, 1)
        print(f"  generated in {generated.seconds:.0f} s")
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("VACUUM ANALYZE")  # index-only scans need the visibility map
        else:
            cursor.execute("ANALYZE")

    from guichet.standards.forecasting import forecasts_run
    from guichet.standards.refresh import snapshot_refresh

    as_of = clock.today()
    forecast_seconds, run = timed(forecasts_run, as_of=as_of)
    results["forecast_seconds"] = round(forecast_seconds, 2)
    results["forecast_cpu_seconds"] = round(LAST_CPU[0], 2)
    results["forecasts_written"] = run.written
    print(f"  forecasts: {forecast_seconds:.2f} s for {run.written:,} open cases")
    refresh_times, refresh_cpu = [], []
    for _ in range(args.repeat):
        seconds, snapshot = timed(snapshot_refresh, as_of=as_of, forecast=False)
        refresh_times.append(seconds)
        refresh_cpu.append(LAST_CPU[0])
        print(f"  refresh: {seconds:.2f} s (CPU of this process {LAST_CPU[0]:.2f} s)")
    results["refresh_cpu_seconds_median"] = round(statistics.median(refresh_cpu), 2)
    results["refresh_seconds_min"] = round(min(refresh_times), 2)
    results["refresh_seconds_median"] = round(statistics.median(refresh_times), 2)
    seconds, _snapshot = timed(snapshot_refresh, as_of=as_of, forecast=True)
    results["refresh_with_forecasts_seconds"] = round(seconds, 2)

    results.update(read_latencies(args.requests))
    results.update(pandas_comparison(snapshot, as_of))
    results["ratio_pandas_to_refresh"] = round(
        results["pandas_total_seconds"] / results["refresh_seconds_median"], 1
    )
    results["ratio_pandas_compute_only_to_refresh"] = round(
        results["pandas_compute_seconds"] / results["refresh_seconds_median"], 1
    )
    return results


def read_latencies(requests: int) -> dict[str, Any]:
    from django.contrib.auth.signals import user_logged_in
    from django.test import Client

    from guichet.testing.factories import staff_make
    from guichet.testing.staff import DISPATCH_UID, _verify_forced_login

    # Staff sessions need two-step verification: force_login gives a verified one, as in tests.
    user_logged_in.connect(_verify_forced_login, dispatch_uid=DISPATCH_UID)
    manager = Client()
    # A new account each run: the data (and earlier runs' accounts) are kept between runs.
    manager.force_login(staff_make("manager", username=f"bench-manager-{uuid.uuid4().hex[:12]}"))
    public = Client()
    out: dict[str, Any] = {}
    for name, client, path in (
        ("dashboard", manager, "/en/staff/standards/"),
        ("dashboard_one_service", manager, "/en/staff/standards/?service=spouse-in-canada"),
        ("api_processing_times", public, "/api/v1/processing-times"),
        ("public_page", public, "/fr/delais-de-traitement/?service=spouse-in-canada"),
    ):
        for _ in range(5):
            assert client.get(path).status_code == 200, path
        samples = []
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(path)
            samples.append((time.perf_counter() - started) * 1000)
            assert response.status_code == 200
        out[f"{name}_p50_ms"] = round(percentile(samples, 50), 1)
        out[f"{name}_p99_ms"] = round(percentile(samples, 99), 1)
        print(f"  {name}: p50 {out[f'{name}_p50_ms']} ms, p99 {out[f'{name}_p99_ms']} ms")
    return out


def pandas_comparison(snapshot: Any, as_of: Any) -> dict[str, Any]:
    """The same figures with plain pandas over the same rows: load, then compute."""
    import numpy as np
    import pandas as pd
    from django.conf import settings
    from django.db import connection

    from guichet.catalogue.selectors import service_list
    from guichet.standards.days import (
        date_of,
        day_of,
        month_first_day,
        month_key,
        months_back,
        week_start,
    )
    from guichet.standards.figures import Figures
    from guichet.standards.windows import window_days

    connection.ensure_connection()
    started = time.perf_counter()
    frame = pd.read_sql_query(
        "SELECT service_id, received_day, decided_day, clock_days, paused_days, "
        "paused_since_day, step_type_id, problem, withdrawn, target_days "
        "FROM standards_caseclock",
        connection.connection,
    )
    loaded = time.perf_counter()

    t = day_of(as_of)
    services = service_list()
    windows = pd.Series({s.pk: window_days(s) for s in services})
    standard = pd.Series({s.pk: s.standard_days for s in services if s.standard_days}, dtype=float)
    decided = frame[frame.decided_day.notna() & (frame.decided_day <= t)]
    # Completions only (approved or refused): withdrawals are counted apart (issue 11).
    ok = decided[(decided.problem == "") & (decided.withdrawn == 0)]
    # Processing times: nearest-rank percentiles of receipt → decision over each window.
    in_window = ok[ok.decided_day > t - ok.service_id.map(windows)]
    elapsed = (in_window.decided_day - in_window.received_day).rename("elapsed")
    ranked = pd.DataFrame({"service_id": in_window.service_id, "elapsed": elapsed}).sort_values(
        ["service_id", "elapsed"]
    )
    ranked["rank"] = ranked.groupby("service_id").cumcount() + 1
    ranked["n"] = ranked.groupby("service_id")["elapsed"].transform("size")
    percentiles = {}
    for p in (50, 80, 90):
        wanted = np.maximum(1, np.ceil(p * ranked.n / 100))
        percentiles[p] = ranked[ranked["rank"] == wanted].set_index("service_id")["elapsed"]
    sample = ranked.groupby("service_id").size()
    # Compliance per month, the 12 complete months (the as-of month only if t is its last day).
    complete = date_of(t + 1).day == 1
    months = months_back(t if complete else month_first_day(month_key(t)) - 1, 12)
    month = pd.to_datetime(ok.decided_day, unit="D").dt.strftime("%Y-%m")
    recent = ok[month.isin(months)]
    # Each clock carries its own target (inside/outside Canada), else the service's standard.
    target = recent.target_days.fillna(recent.service_id.map(standard))
    met = recent.clock_days <= target
    compliance = (
        pd.DataFrame({"service_id": recent.service_id, "month": month[recent.index], "met": met})
        .groupby(["service_id", "month"])
        .agg(decided=("met", "size"), met=("met", "sum"))
    )
    # Inventory by service, step and age band, with the backlog.
    open_ = frame[(frame.decided_day.isna() | (frame.decided_day > t)) & (frame.received_day <= t)]
    age = t - open_.received_day
    bands = [-1, *settings.STANDARDS_AGE_BANDS, 10**9]
    band = pd.cut(age, bands, labels=False)
    clock_age = age - open_.paused_days - (t - open_.paused_since_day).fillna(0)
    backlog = clock_age > open_.target_days.fillna(open_.service_id.map(standard))
    inventory = (
        pd.DataFrame(
            {
                "service_id": open_.service_id,
                "step": open_.step_type_id.fillna(-1),
                "band": band,
                "backlog": backlog,
            }
        )
        .groupby(["service_id", "step", "band"])
        .agg(n=("backlog", "size"), backlog=("backlog", "sum"))
    )
    # Weekly inflow and outflow over the trend weeks.
    first_week = week_start(t) - 7 * (settings.STANDARDS_TREND_WEEKS - 1)
    received = frame[(frame.received_day >= first_week) & (frame.received_day <= t)]
    inflow = received.groupby([received.service_id, (received.received_day + 3) // 7]).size()
    went = decided[decided.decided_day >= first_week]
    outflow = went.groupby([went.service_id, (went.decided_day + 3) // 7]).size()
    computed = time.perf_counter()

    figures = Figures.from_json(snapshot.data)
    disagreements = []
    by_code = {s.code: s.pk for s in services}
    for service in figures.services:
        pk = by_code[service.code]
        if int(sample.get(pk, 0)) != service.sample_size:
            disagreements.append(f"{service.code} sample")
        if (
            service.measured.p80 is not None
            and int(percentiles[80].get(pk, -1)) != service.measured.p80
        ):
            disagreements.append(f"{service.code} p80")
        if pk in compliance.index.get_level_values(0):
            decided_12m = int(compliance.loc[pk].decided.sum())
            if decided_12m != service.decided_12m:
                disagreements.append(f"{service.code} decided")
            if service.target_days and int(compliance.loc[pk].met.sum()) != service.met_12m:
                disagreements.append(f"{service.code} met")
        open_total = (
            int(inventory.loc[pk].n.sum()) if pk in inventory.index.get_level_values(0) else 0
        )
        if open_total != service.open_total:
            disagreements.append(f"{service.code} open")
        has_inventory = pk in inventory.index.get_level_values(0)
        if (
            service.target_days
            and has_inventory
            and (int(inventory.loc[pk].backlog.sum()) != service.backlog)
        ):
            disagreements.append(f"{service.code} backlog")
    del inflow, outflow
    print(
        f"  pandas: load {loaded - started:.2f} s, compute {computed - loaded:.2f} s; "
        f"agree: {disagreements or 'yes'}"
    )
    return {
        "pandas_load_seconds": round(loaded - started, 2),
        "pandas_compute_seconds": round(computed - loaded, 2),
        "pandas_total_seconds": round(computed - started, 2),
        "pandas_agrees": not disagreements,
        "pandas_disagreements": disagreements,
    }


def table(results: list[dict[str, Any]]) -> str:
    rows = [
        ("full refresh (median), s", "refresh_seconds_median", "≤ 5"),
        ("full refresh (best), s", "refresh_seconds_min", "≤ 5"),
        ("full refresh, CPU of this process, s", "refresh_cpu_seconds_median", ""),
        ("forecasts, all open cases, s", "forecast_seconds", "≤ 60"),
        ("forecasts, CPU of this process, s", "forecast_cpu_seconds", ""),
        ("refresh with forecasts, s", "refresh_with_forecasts_seconds", ""),
        ("dashboard p99, ms", "dashboard_p99_ms", "≤ 100"),
        ("dashboard, one service, p99, ms", "dashboard_one_service_p99_ms", "≤ 100"),
        ("GET /api/v1/processing-times p99, ms", "api_processing_times_p99_ms", "≤ 100"),
        ("public page p99, ms", "public_page_p99_ms", "≤ 100"),
        ("pandas: load from the database, s", "pandas_load_seconds", ""),
        ("pandas: compute, s", "pandas_compute_seconds", ""),
        ("pandas total / refresh", "ratio_pandas_to_refresh", ""),
        ("pandas compute only / refresh", "ratio_pandas_compute_only_to_refresh", ""),
        ("pandas figures agree", "pandas_agrees", ""),
        ("load average at start (2 cores)", "load_average_at_start", ""),
    ]
    head = ["measure", *(r["database"] for r in results), "target"]
    lines = [head]
    for label, key, target in rows:
        lines.append([label, *(str(r.get(key, "—")) for r in results), target])
    widths = [max(len(line[i]) for line in lines) for i in range(len(head))]
    text = [
        "  ".join(
            c.ljust(w) if i == 0 else c.rjust(w)
            for i, (c, w) in enumerate(zip(line, widths, strict=True))
        )
        for line in lines
    ]
    text.insert(1, "  ".join("-" * w for w in widths))
    first = results[0]
    text.insert(
        0, f"{first['decided']:,} decided and {first['open']:,} open cases; {first['machine']}"
    )
    return "\n".join(text)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases-decided", type=int, default=5_000_000)
    parser.add_argument("--cases-open", type=int, default=1_000_000)
    parser.add_argument("--database", choices=["sqlite", "postgres", "both"], default="both")
    parser.add_argument("--requests", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3, help="refresh runs (median reported)")
    parser.add_argument("--fresh", action="store_true", help="regenerate the data")
    parser.add_argument("--json", help="write the results here as JSON")
    args = parser.parse_args()
    if args.database == "both":
        results = []
        for kind in ("sqlite", "postgres"):
            out = VAR / f"standards-{kind}.json"
            VAR.mkdir(parents=True, exist_ok=True)
            command = [
                sys.executable,
                __file__,
                "--database",
                kind,
                "--json",
                str(out),
                "--cases-decided",
                str(args.cases_decided),
                "--cases-open",
                str(args.cases_open),
                "--requests",
                str(args.requests),
                "--repeat",
                str(args.repeat),
                *(["--fresh"] if args.fresh else []),
            ]
            if subprocess.run(command, check=False).returncode != 0:
                return 1
            results.append(json.loads(out.read_text()))
    else:
        results = [run_one(args)]
        if args.json:
            Path(args.json).write_text(json.dumps(results[0], indent=2))
    print()
    print(table(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
