#!/usr/bin/env python3
"""Notification worker throughput against a local GC Notify stub (target ≥ 200 a second).

N notifications are queued through notification_queue (not timed), then W real
`manage.py db_worker` processes send them through notifications-python-client to a stub GC
Notify in this process, with the rate limit set above what they can reach
(NOTIFY_RATE_LIMIT_PER_MINUTE; GC Notify's own limit of 1,000 a minute is configuration, not
code). Throughput is counted at the stub, from its first request to the one that completes the
set, so that the workers' start-up is not counted; every notification must then be `sent` in
the database. Each run starts from a fresh copy of a migrated database. Prints a table and the
median of the runs.

    .venv/bin/python bench/bench_notifications.py [--count 3000] [--runs 3] [--workers 2]
        [--database sqlite|postgres] [--database-url postgres://postgres@127.0.0.1:5432/postgres]
        [--batch N] [--compare-batch] [--json out.json]

`--compare-batch` alternates, run by run, one message per task (NOTIFY_CLAIM_BATCH=0: the
worker as it was) and batch claims (NOTIFY_CLAIM_BATCH=--batch, default the setting's 10), each
on a fresh copy of the database, and prints both medians and their ratio.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from guichet.notifications.tests.notify_stub import NotifyStub  # noqa: E402

PYTHON = sys.executable
DRIVER = "guichet.notifications.tests.reliability_driver"
# The test settings (no secret needed); BENCH_SETTINGS names another module to compare.
SETTINGS = os.environ.get("BENCH_SETTINGS", "guichet.config.django.test")


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{value:.1f}" for value in os.getloadavg())
    return (
        f"{os.cpu_count()} CPU(s), {model}, {platform.system()} {platform.release()}, "
        f"load average at start {load}"
    )


def environment(url: str, stub: NotifyStub | None = None) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": SETTINGS,
            "DATABASE_URL": url,
            "NOTIFY_SMS_PROVIDER": "gc_notify",
            "NOTIFY_EMAIL_PROVIDER": "gc_notify",
            "NOTIFY_RATE_LIMIT_PER_MINUTE": "60000000",
            "NOTIFY_SMS_PER_RECIPIENT_PER_HOUR": "20",
            "PYTHONUNBUFFERED": "1",
        }
    )
    if stub is not None:
        env.update(stub.env())
    return env


def run(args: list[str], env: dict[str, str]) -> str:
    done = subprocess.run(args, cwd=ROOT, env=env, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        raise SystemExit(f"{' '.join(args[:4])} failed:\n{done.stderr[-3000:]}")
    return done.stdout


class Databases:
    """A migrated template, and a fresh copy of it for each run."""

    def __init__(self, kind: str, url: str, scratch: Path) -> None:
        self.kind, self.url, self.scratch = kind, url, scratch
        self.made: list[str] = []

    def _admin(self, sql: str) -> None:
        import psycopg

        with psycopg.connect(self.url, autocommit=True) as connection:
            connection.execute(sql)  # type: ignore[arg-type]

    def _url_for(self, name: str) -> str:
        parts = urlsplit(self.url)
        return urlunsplit(parts._replace(path=f"/{name}"))

    def template(self) -> None:
        if self.kind == "sqlite":
            url = f"sqlite:///{self.scratch / 'template.sqlite3'}"
        else:
            name = f"guichet_bench_notify_{os.getpid()}"
            self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
            self._admin(f"CREATE DATABASE {name}")
            self.made.append(name)
            url = self._url_for(name)
        run([PYTHON, "manage.py", "migrate", "--noinput", "--verbosity", "0"], environment(url))
        if self.kind == "sqlite":
            # Fold the write-ahead log into the file, so that a copy of the file is complete.
            import sqlite3

            with sqlite3.connect(self.scratch / "template.sqlite3") as connection:
                connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")

    def fresh(self, run_number: int) -> str:
        if self.kind == "sqlite":
            path = self.scratch / f"run-{run_number}.sqlite3"
            shutil.copyfile(self.scratch / "template.sqlite3", path)
            return f"sqlite:///{path}"
        name = f"guichet_bench_notify_{os.getpid()}_{run_number}"
        self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
        self._admin(f"CREATE DATABASE {name} TEMPLATE guichet_bench_notify_{os.getpid()}")
        self.made.append(name)
        return self._url_for(name)

    def drop(self) -> None:
        for name in reversed(self.made):
            self._admin(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")


def one_run(url: str, count: int, workers: int, batch: int | None = None) -> dict[str, Any]:
    with NotifyStub() as stub:
        env = environment(url, stub)
        if batch is not None:
            env["NOTIFY_CLAIM_BATCH"] = str(batch)
        run([PYTHON, "-m", DRIVER, "seed", str(count), "0"], env)
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        processes = [
            subprocess.Popen(
                [
                    PYTHON,
                    "manage.py",
                    "db_worker",
                    "--interval",
                    "0.05",
                    "--no-startup-delay",
                    "--no-reload",
                    "--verbosity",
                    "0",
                ],
                cwd=ROOT,
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            for _ in range(workers)
        ]
        deadline = time.monotonic() + 600
        try:
            while time.monotonic() < deadline:
                with stub.lock:
                    if len(stub.by_reference) >= count:
                        break
                time.sleep(0.02)
        finally:
            for process in processes:
                process.terminate()
            for process in processes:
                process.wait(timeout=30)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        with stub.lock:
            times = sorted(entry["at"] for entry in stub.requests)
            unique = len(stub.by_reference)
            duplicates = len(stub.requests) - unique
    if unique < count:
        raise SystemExit(f"only {unique} of {count} notifications reached the stub in time")
    report = json.loads(run([PYTHON, "-m", DRIVER, "report"], environment(url)).splitlines()[-1])
    if report["statuses"].get("sent") != count:
        raise SystemExit(f"not every notification was recorded as sent: {report['statuses']}")
    seconds = times[-1] - times[0]
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {
        "notifications": count,
        "seconds": round(seconds, 3),
        "per_second": round((count - 1) / seconds, 1),
        "duplicates": duplicates,
        # Worker processes' CPU time (start-up included) per notification: less sensitive to
        # other load on the machine than the rate is.
        "worker_cpu_ms": round(cpu / count * 1000, 2),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--count", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database", choices=["sqlite", "postgres"], default="sqlite")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
        help="PostgreSQL server to create throw-away databases on (--database postgres)",
    )
    parser.add_argument("--batch", type=int, default=None, help="NOTIFY_CLAIM_BATCH")
    parser.add_argument("--compare-batch", action="store_true")
    parser.add_argument("--json", type=Path)
    options = parser.parse_args()
    variants: list[int | None] = [options.batch]
    if options.compare_batch:
        variants = [0, options.batch if options.batch is not None else 10]

    print(f"Notification worker throughput — {machine()}")
    print(
        f"{options.count} notifications, {options.workers} db_worker process(es), "
        f"{options.database}, local GC Notify stub, rate limit set above reach"
    )
    results = []
    with tempfile.TemporaryDirectory(prefix="guichet-bench-notify-") as scratch:
        databases = Databases(options.database, options.database_url, Path(scratch))
        try:
            databases.template()
            print(
                f"\n{'run':>4} {'batch':>6} {'notifications':>14} {'seconds':>9} "
                f"{'per second':>11} {'dup':>5} {'worker CPU ms each':>19} {'load':>5}"
            )
            for number in range(1, options.runs + 1):
                for batch in variants:
                    fresh = databases.fresh(len(results) + 1)
                    result = one_run(fresh, options.count, options.workers, batch)
                    result["batch"] = "setting" if batch is None else batch
                    result["load"] = round(os.getloadavg()[0], 1)
                    results.append(result)
                    print(
                        f"{number:>4} {result['batch']!s:>6} {result['notifications']:>14} "
                        f"{result['seconds']:>9.2f} {result['per_second']:>11.1f} "
                        f"{result['duplicates']:>5} {result['worker_cpu_ms']:>19.2f} "
                        f"{result['load']:>5}",
                        flush=True,
                    )
        finally:
            if options.database == "postgres":
                databases.drop()
    if options.compare_batch:
        medians = {}
        for batch in variants:
            rows = [r for r in results if r["batch"] == batch]
            medians[batch] = statistics.median(r["per_second"] for r in rows)
            cpu = statistics.median(r["worker_cpu_ms"] for r in rows)
            print(f"batch {batch}: median {medians[batch]:.1f}/s, worker CPU {cpu:.2f} ms each")
        print(f"ratio batch {variants[1]} / batch 0: {medians[variants[1]] / medians[0]:.2f}")
        results = [r for r in results if r["batch"] == variants[1]]
    median = statistics.median(r["per_second"] for r in results)
    verdict = "meets" if median >= 200 else "below"
    print(f"\nmedian of {len(results)} runs: {median:.1f} notifications/s ({verdict} target 200/s)")
    if options.json:
        options.json.parent.mkdir(parents=True, exist_ok=True)
        options.json.write_text(
            json.dumps(
                {
                    "benchmark": "notification worker throughput",
                    "machine": machine(),
                    "database": options.database,
                    "workers": options.workers,
                    "runs": results,
                    "median_per_second": median,
                    "target_per_second": 200,
                },
                indent=2,
            )
        )


if __name__ == "__main__":
    main()
