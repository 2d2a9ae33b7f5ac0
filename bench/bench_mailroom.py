#!/usr/bin/env python3
"""Mailroom API benchmark on PostgreSQL, run as deployed (gunicorn, production settings).

1. Throughput: `POST /api/v1/mailroom/receipts` from a closed-loop load generator (asyncio,
   keep-alive connections, standard library only) against gunicorn with 2 workers, every
   request a new package: receipts per second sustained (target ≥ 200/s on 2 cores).
2. Latency: an open-loop load of 50 receipts a second with one notification worker
   (`manage.py db_worker`, file provider) running: scan-to-provider latency, from the moment the
   request is sent to the moment the provider accepted the message (its attempt record), p50 and
   p99 (target p99 ≤ 10 s).

   `--task-workers` notification workers (default 2, what `make serve` and
   docs/deployment.md run; `make demo` runs 1).

`--compare REF` (a git commit, e.g. the one before a change) also serves REF's code (exported
with `git archive` into a scratch directory, same virtual environment, same database) on its
own gunicorn, and alternates throughput rounds between the two (`--rounds`, REF first): the
before/after ratio under the same machine load. The CPU time of the gunicorn workers per
receipt is measured for each (PostgreSQL's own time is not in it). The latency run uses the
current code only.

Each run uses a fresh database (dropped at the end), so results do not depend on earlier data.

    .venv/bin/python bench/bench_mailroom.py [--seconds 20] [--connections 16]
        [--rate 50] [--latency-seconds 30] [--task-workers 2] [--compare REF --rounds 3]
        [--database-url postgres://postgres@127.0.0.1:5432/postgres]
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import os
import platform
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

import psycopg

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
PATH = "/api/v1/mailroom/receipts"
BENCH_DB = "guichet_bench_mailroom"


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


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def fresh_database(admin_url: str) -> str:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
    return with_database(admin_url, BENCH_DB)


def drop_database(admin_url: str) -> None:
    with psycopg.connect(admin_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')


def manage(env: dict[str, str], *args: str) -> str:
    result = subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0:
        raise SystemExit(f"manage.py {' '.join(args)} failed:\n{result.stderr[-3000:]}")
    return result.stdout


SETUP_CLERK = """
from django.contrib.auth.models import Group, User
clerk = User.objects.create_user("bench-clerk", password=None)
clerk.groups.add(Group.objects.get(name="mailroom"))
"""


def body(n: int, run: str) -> bytes:
    # Unique package, person and phone number each time (a realistic day's mail; the
    # per-recipient SMS cap never applies). 613-2xx-xxxx numbers are valid NANP numbers.
    return json.dumps(
        {
            "package_barcode": f"BENCH-{run}-{n:07d}",
            "service_code": "spouse-in-canada",
            "applicant": {
                "family_name": f"Bench{n}",
                "given_names": "Alex",
                "date_of_birth": f"19{50 + n % 50:02d}-0{1 + n % 9}-1{n % 9}",
                "sex": "FMX"[n % 3],
                "preferred_language": "fr" if n % 2 else "en",
                "phone": f"613{200 + (n // 10000) % 800}{n % 10000:04d}",
                "email": f"bench{n}@example.ca",
            },
        }
    ).encode()


class Connection:
    """One keep-alive HTTP/1.1 connection: send a POST, read the status and body."""

    def __init__(self, port: int, token: str) -> None:
        self.port = port
        self.token = token
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def post(self, payload: bytes) -> int:
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection("127.0.0.1", self.port)
        assert self.reader is not None
        head = (
            f"POST {PATH} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
            f"Authorization: Bearer {self.token}\r\nX-Forwarded-Proto: https\r\n"
            f"Content-Length: {len(payload)}\r\n\r\n"
        ).encode()
        self.writer.write(head + payload)
        await self.writer.drain()
        status_line = await self.reader.readline()
        if not status_line:
            await self.close()
            raise ConnectionError("server closed the connection")
        status = int(status_line.split()[1])
        length, close = 0, False
        while True:
            line = await self.reader.readline()
            if line in (b"\r\n", b""):
                break
            name, _sep, value = line.decode("latin-1").partition(":")
            if name.lower() == "content-length":
                length = int(value)
            elif name.lower() == "connection" and "close" in value.lower():
                close = True
        await self.reader.readexactly(length)
        if close:
            await self.close()
        return status

    async def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
            self.writer = None


async def closed_loop(
    port: int, token: str, connections: int, seconds: float, warmup: float, run: str
) -> dict[str, Any]:
    counter = iter(range(10**9))
    statuses: dict[int, int] = {}
    latencies: list[float] = []
    start = time.perf_counter()
    measure_from = start + warmup
    stop = measure_from + seconds
    counted = 0

    async def client() -> None:
        nonlocal counted
        conn = Connection(port, token)
        while time.perf_counter() < stop:
            sent = time.perf_counter()
            try:
                status = await conn.post(body(next(counter), run))
            except (ConnectionError, OSError, asyncio.IncompleteReadError):
                statuses[-1] = statuses.get(-1, 0) + 1
                await conn.close()
                continue
            done = time.perf_counter()
            if sent >= measure_from and done <= stop:
                statuses[status] = statuses.get(status, 0) + 1
                latencies.append(done - sent)
                if status == 201:
                    counted += 1
        await conn.close()

    await asyncio.gather(*(client() for _ in range(connections)))
    latencies.sort()
    return {
        "receipts_per_second": counted / seconds,
        "statuses": statuses,
        "p50_ms": 1000 * latencies[len(latencies) // 2] if latencies else None,
        "p99_ms": 1000 * latencies[int(len(latencies) * 0.99)] if latencies else None,
    }


async def open_loop(
    port: int, token: str, rate: float, seconds: float, run: str, pool: int = 32
) -> dict[str, Any]:
    """Send `rate` receipts a second on schedule (not waiting for answers); remember when."""
    sent_at: dict[str, float] = {}  # barcode -> wall clock time the request was sent
    statuses: dict[int, int] = {}
    connections = [Connection(port, token) for _ in range(pool)]
    free: asyncio.Queue[Connection] = asyncio.Queue()
    for conn in connections:
        free.put_nowait(conn)
    late = 0

    async def one(n: int) -> None:
        conn = await free.get()
        payload = body(n, run)
        sent_at[f"BENCH-{run}-{n:07d}"] = time.time()
        try:
            status = await conn.post(payload)
        except (ConnectionError, OSError, asyncio.IncompleteReadError):
            status = -1
            await conn.close()
        statuses[status] = statuses.get(status, 0) + 1
        free.put_nowait(conn)

    tasks = []
    start = time.perf_counter()
    total = int(rate * seconds)
    for n in range(total):
        due = start + n / rate
        delay = due - time.perf_counter()
        if delay > 0:
            await asyncio.sleep(delay)
        elif delay < -0.1:
            late += 1
        tasks.append(asyncio.create_task(one(n)))
    await asyncio.gather(*tasks)
    for conn in connections:
        await conn.close()
    return {"sent_at": sent_at, "statuses": statuses, "late": late, "total": total}


def provider_times(database_url: str, run: str) -> dict[str, list[float]]:
    """Barcode -> the times the provider accepted each of its messages."""
    query = """
        SELECT r.package_barcode,
               EXTRACT(EPOCH FROM a.started_at) + a.duration_ms / 1000.0
        FROM notifications_notificationattempt a
        JOIN notifications_notification n ON n.id = a.notification_id
        JOIN intake_paperreceipt r ON r.case_id = n.case_id
        WHERE a.outcome = 'sent' AND r.package_barcode LIKE %s
    """
    times: dict[str, list[float]] = {}
    with psycopg.connect(database_url) as conn:
        for barcode, at in conn.execute(query, [f"BENCH-{run}-%"]):
            times.setdefault(barcode, []).append(float(at))
    return times


def queued_count(database_url: str) -> tuple[int, int]:
    with psycopg.connect(database_url) as conn:
        row = conn.execute(
            "SELECT count(*) FILTER (WHERE status IN ('queued', 'sending')), count(*) "
            "FROM notifications_notification"
        ).fetchone()
    assert row is not None
    return int(row[0]), int(row[1])


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))]


def tree_cpu_seconds(pid: int) -> float:
    """User + system CPU seconds of a process's children (gunicorn's workers), from /proc."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    try:
        children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return 0.0
    for child in children:
        try:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / tick
    return total


def export_tree(ref: str, into: Path, env: dict[str, str]) -> str:
    """REF's code in `into` (git archive), its translations compiled; returns the full id."""
    commit = subprocess.run(
        ["git", "rev-parse", "--verify", f"{ref}^{{commit}}"],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.strip()  # fmt: skip
    into.mkdir(parents=True)
    archive = subprocess.run(
        ["git", "archive", commit], cwd=ROOT, capture_output=True, check=True
    ).stdout
    subprocess.run(["tar", "-x", "-C", str(into)], input=archive, check=True)
    subprocess.run(
        [PYTHON, "manage.py", "compile_translations"], cwd=into, env=env, check=True,
        capture_output=True,
    )  # fmt: skip
    return commit


def wait_ready(port: int, timeout: float = 30) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            time.sleep(0.2)
    raise SystemExit("gunicorn did not start")


def start(args: list[str], env: dict[str, str], log: Path) -> subprocess.Popen[bytes]:
    handle = log.open("wb")
    return subprocess.Popen(
        args, cwd=ROOT, env=env, stdout=handle, stderr=subprocess.STDOUT, start_new_session=True
    )


def stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=3)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--web-workers", type=int, default=2)
    parser.add_argument("--rate", type=float, default=50)
    parser.add_argument("--latency-seconds", type=float, default=30)
    parser.add_argument("--task-workers", type=int, default=2)
    parser.add_argument("--compare", metavar="REF", help="also serve this commit, alternating")
    parser.add_argument("--rounds", type=int, default=3, help="throughput rounds per version")
    parser.add_argument("--json", type=Path, help="Also write the results here.")
    options = parser.parse_args()

    scratch = Path(tempfile.mkdtemp(prefix="bench-mailroom-"))
    database_url = fresh_database(options.database_url)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "guichet.config.django.production",
        "SECRET_KEY": "bench-only-not-secret",
        "DATABASE_URL": database_url,
        "DB_CONN_MAX_AGE": "600",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TWILIO_AUTH_TOKEN": "bench-only-twilio-token",
        "NOTIFY_SMS_PROVIDER": "file",
        "NOTIFY_EMAIL_PROVIDER": "file",
        "NOTIFY_OUTBOX_DIR": str(scratch / "outbox"),
        # The provider limit is configuration (GC Notify's is 1,000 a minute): set above the
        # load so that the benchmark measures Guichet, not the limit.
        "NOTIFY_RATE_LIMIT_PER_MINUTE": "60000",
        "PYTHONUNBUFFERED": "1",
    }
    processes: list[subprocess.Popen[bytes]] = []
    results: dict[str, Any] = {"machine": machine(), "date": dt.date.today().isoformat()}
    try:
        manage(env, "migrate", "--no-input")
        manage(env, "shell", "-c", SETUP_CLERK)
        token = manage(env, "create_api_token", "bench-clerk", "--name", "bench").split()[-1]

        def serve(tree: Path, name: str) -> tuple[subprocess.Popen[bytes], int]:
            port = free_port()
            gunicorn = [
                GUNICORN,
                "guichet.config.wsgi:application",
                "--chdir",
                str(tree),
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(options.web_workers),
                "--keep-alive",
                "30",
                "--backlog",
                "2048",
            ]
            process = start(gunicorn, env, scratch / f"gunicorn-{name}.log")
            processes.append(process)
            wait_ready(port)
            return process, port

        web, port = serve(ROOT, "current")
        versions = {"current": (web, port)}
        if options.compare:
            results["compare"] = export_tree(options.compare, scratch / "ref", env)
            versions = {"before": serve(scratch / "ref", "before"), **versions}

        # 1. Throughput, the web tier alone: rounds alternating between the versions.
        rounds: dict[str, list[dict[str, Any]]] = {name: [] for name in versions}
        for n in range(options.rounds if options.compare else 1):
            for name, (process, served) in versions.items():
                cpu = tree_cpu_seconds(process.pid)
                measured = asyncio.run(
                    closed_loop(
                        served, token, options.connections, options.seconds, options.warmup,
                        f"T{name[0]}{n}",
                    )
                )  # fmt: skip
                used = tree_cpu_seconds(process.pid) - cpu
                answered = sum(measured["statuses"].values()) or 1
                measured["cpu_ms_per_receipt"] = 1000 * used / answered
                measured["load"] = os.getloadavg()[0]
                rounds[name].append(measured)
                print(
                    f"round {n + 1} {name}: {measured['receipts_per_second']:.1f} receipts/s, "
                    f"p99 {measured['p99_ms']:.0f} ms, {measured['cpu_ms_per_receipt']:.1f} ms "
                    f"CPU each (warm-up included), load {measured['load']:.1f}",
                    flush=True,
                )
        results["rounds"] = rounds
        ordered = sorted(rounds["current"], key=lambda m: m["receipts_per_second"])
        throughput = ordered[len(ordered) // 2]  # the median round
        results["throughput"] = throughput

        # 2. Latency at a steady rate, with one notification worker sending.
        for n in range(options.task_workers):
            worker = start(
                [
                    PYTHON,
                    "manage.py",
                    "db_worker",
                    "--queue-name",
                    "*",
                    "--interval",
                    "0.1",
                    "--no-startup-delay",
                    "--no-reload",
                    "--worker-id",
                    f"bench-{n}",
                ],
                env,
                scratch / f"worker-{n}.log",
            )
            processes.append(worker)
        time.sleep(2)
        sent = asyncio.run(open_loop(port, token, options.rate, options.latency_seconds, "L"))
        deadline = time.time() + 120
        while time.time() < deadline and queued_count(database_url)[0] > 0:
            time.sleep(0.5)
        times = provider_times(database_url, "L")
        latencies = [at - sent["sent_at"][barcode] for barcode, ats in times.items() for at in ats]
        delivered = sum(len(ats) for ats in times.values())
        results["latency"] = {
            "rate": options.rate,
            "receipts": sent["total"],
            "statuses": sent["statuses"],
            "late_sends": sent["late"],
            "messages_sent": delivered,
            "messages_expected": 2 * sent["total"],
            "p50_s": percentile(latencies, 0.50) if latencies else None,
            "p99_s": percentile(latencies, 0.99) if latencies else None,
            "max_s": max(latencies) if latencies else None,
        }
    finally:
        for process in reversed(processes):
            stop(process)
        drop_database(options.database_url)
        shutil.rmtree(scratch, ignore_errors=True)

    t, lat = results["throughput"], results["latency"]
    print(f"Mailroom API benchmark — {results['machine']} — {results['date']}")
    print()
    if options.compare:
        print(f"Throughput rounds, alternating, before = {results['compare'][:10]}:")
        print()
        print("| version | receipts/s (rounds) | median | p99 ms (median) | CPU ms/receipt |")
        print("|---|---|---:|---:|---:|")
        medians = {}
        for name, measured in results["rounds"].items():
            rates = [m["receipts_per_second"] for m in measured]
            medians[name] = sorted(rates)[len(rates) // 2]
            p99 = sorted(m["p99_ms"] for m in measured)[len(measured) // 2]
            cpu = sorted(m["cpu_ms_per_receipt"] for m in measured)[len(measured) // 2]
            print(
                f"| {name} | {', '.join(f'{r:.0f}' for r in rates)} | {medians[name]:.0f} "
                f"| {p99:.0f} | {cpu:.1f} |"
            )
        ratio = medians["current"] / medians["before"]
        print(f"\nRatio of the medians, current / before: {ratio:.2f}")
        print()
    print("| Measure | Result | Target |")
    print("|---|---:|---:|")
    print(
        f"| Receipts/s sustained (gunicorn {options.web_workers} workers, "
        f"{options.connections} connections, {options.seconds:.0f} s) "
        f"| {t['receipts_per_second']:.0f} | ≥ 200 |"
    )
    print(
        f"| Request latency under that load, p50 / p99 | {t['p50_ms']:.0f} / "
        f"{t['p99_ms']:.0f} ms | — |"
    )
    print(f"| Answers during the throughput run | {t['statuses']} | all 201 |")
    if lat["p50_s"] is not None:
        print(
            f"| Scan-to-provider latency at {lat['rate']:.0f} receipts/s, "
            f"{options.task_workers} workers, p50 / p99 "
            f"| {lat['p50_s']:.2f} / {lat['p99_s']:.2f} s | p99 ≤ 10 s |"
        )
    print(
        f"| Messages accepted by the provider / expected | {lat['messages_sent']} / "
        f"{lat['messages_expected']} | all |"
    )
    if options.json:
        options.json.write_text(json.dumps(results, indent=2, default=str))
    ok = t["receipts_per_second"] >= 200 and lat["p99_s"] is not None and lat["p99_s"] <= 10
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
