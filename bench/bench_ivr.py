#!/usr/bin/env python3
"""Phone line (IVR) benchmark: webhook latency with 100 concurrent simulated calls walking the
whole flow, against a 1,000,000-case database, served as deployed (gunicorn, production
settings, X-Twilio-Signature checked on every request).

Each simulated call does what a caller does: the active offer (/ivr/voice), a language
(/ivr/language), the 9 digits (/ivr/number), the family name's first letters on the keypad
(/ivr/family-name), the date of birth (/ivr/birth-date), then at the
menu the status again, the full history, the status by text message and an agent
(/ivr/menu ×4), and Twilio's status callback when the call ends (/ivr/status). One call in ten
first mistypes a digit (caught by the check digit, no look-up) and one in ten keys a wrong date
of birth (a look-up that fails and counts in the throttle), as real callers do. Between two
webhooks a caller listens and types: `--think` seconds (random, uniform between half and one
and a half times it). Real prompts last 5 to 30 seconds, so the default of 1 s puts about ten
times the load of 100 real callers on the server; `--think 0` is a closed-loop stress test
(every call fires its next webhook as soon as it has the answer).

The target is p99 ≤ 100 ms for every webhook. The database is seeded once
(`manage.py seed_demo --cases N --seed S`) and kept: the PostgreSQL database
guichet_bench_ivr_<N>, or var/bench/ivr-<N>.sqlite3 (`--fresh` starts again). Calls, contacts
and text messages written by a run are deleted at its start, so runs do not pile up.

    .venv/bin/python bench/bench_ivr.py [--database postgres|sqlite] [--cases 1000000]
        [--calls 100] [--seconds 60] [--think 1.0] [--workers 5] [--json out.json]
        [--compare REF --rounds 2]

gunicorn runs with the tree's own guichet/config/gunicorn.py (as `make serve` does), started
afresh for every round, so that the first webhooks of every round meet new workers. With
`--compare REF`, REF's code (git archive into a scratch directory, same database and virtual
environment) and the current code alternate, round by round.

Standard library and the project's own dependencies only (psycopg, twilio).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import platform
import random
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import xml.etree.ElementTree as ET
from contextlib import closing
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
TOKEN = "bench-twilio-auth-token"  # noqa: S105 - a throw-away server's token
WEBHOOKS = ("voice", "language", "number", "family-name", "birth-date", "menu", "status")

EXPORT_SAMPLE = """
import json, random
from guichet.cases.models import Case
from guichet.contact.ivr.keypad import keypad_digits
random.seed({seed})
top = Case.objects.order_by("-id").values_list("id", flat=True).first() or 0
wanted = min({sample}, Case.objects.count())
ids = set()
while len(ids) < wanted:
    ids.add(random.randint(1, top))
rows = Case.objects.filter(id__in=ids).values_list(
    "application_number", "client__family_key", "client__date_of_birth"
)
print(json.dumps([[n[1:], keypad_digits(f), d.strftime("%Y%m%d")] for n, f, d in rows]))
"""

# What a run leaves behind (calls, their contacts, text messages and throttle rows), removed
# before the next run so that every run starts from the same database.
CLEAN = """
from guichet.accounts.models import ThrottleHit
from guichet.contact.models import Interaction, IvrSession, StatusLookupDay
from guichet.notifications.models import Notification
Interaction.objects.all().delete()
IvrSession.objects.all().delete()
StatusLookupDay.objects.all().delete()
Notification.objects.filter(purpose="status_by_phone").delete()
ThrottleHit.objects.all().delete()
"""


def machine() -> str:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    return (
        f"{os.cpu_count()} CPU(s) (nproc), {model}, {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, load average at start {load}"
    )


def free_port() -> int:
    with closing(socket.socket()) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def manage(env: dict[str, str], *args: str, quiet: bool = False) -> str:
    done = subprocess.run(
        [PYTHON, "manage.py", *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if done.returncode != 0:
        sys.stderr.write(done.stdout + done.stderr)
        raise SystemExit(f"manage.py {args[0]} failed")
    if not quiet and done.stdout.strip():
        print("    " + done.stdout.strip().replace("\n", "\n    "))
    return done.stdout


def database_url(options: argparse.Namespace) -> str:
    if options.database == "sqlite":
        path = ROOT / "var" / "bench" / f"ivr-{options.cases}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        if options.fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    name = f"guichet_bench_ivr_{options.cases}"
    with psycopg.connect(options.postgres_url, autocommit=True) as conn:
        if options.fresh:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        exists = conn.execute("SELECT 1 FROM pg_database WHERE datname = %s", (name,)).fetchone()
        if not exists:
            conn.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(options.postgres_url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def start_server(
    env: dict[str, str], options: argparse.Namespace, log: Path, tree: Path = ROOT
) -> tuple[subprocess.Popen[bytes], int]:
    """gunicorn as deployed: the tree's own guichet/config/gunicorn.py (preloaded app, and the
    workers' warm-up where the tree has it), with the bind and worker count of the run."""
    port = env["BENCH_PORT"]
    command = [
        GUNICORN,
        "-c",
        str(tree / "guichet" / "config" / "gunicorn.py"),
        "--chdir",
        str(tree),
        "guichet.config.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={options.workers}",
        "--worker-class=sync",
        "--backlog=2048",
        "--access-logfile=/dev/null",
    ]
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=tree, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process, int(port)
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"gunicorn did not start: see {log}")


def cpu_seconds(server_pid: int, database: str) -> float:
    """CPU time (user + system) used so far by the gunicorn workers of this server and by the
    PostgreSQL backends serving this database: what the webhooks cost, whatever else runs on
    the machine."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            cmdline = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:
            continue
        fields = stat.rsplit(")", 1)[1].split()
        parent = int(fields[1])
        ours = parent == server_pid or (database and "postgres:" in cmdline and database in cmdline)
        if ours:
            total += (int(fields[11]) + int(fields[12])) / tick
    return total


# --- The simulated callers -----------------------------------------------------------------


@dataclass
class Results:
    latencies: dict[str, list[float]] = field(default_factory=lambda: {w: [] for w in WEBHOOKS})
    errors: list[str] = field(default_factory=list)
    calls: int = 0
    identified: int = 0
    transferred: int = 0


async def post(port: int, path: str, params: dict[str, str], signature: str) -> tuple[int, str]:
    """One HTTP/1.1 request on a new connection (gunicorn's sync workers close each one)."""
    body = urllib.parse.urlencode(params).encode()
    reader, writer = await asyncio.open_connection("127.0.0.1", port)
    try:
        writer.write(
            (
                f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
                "Content-Type: application/x-www-form-urlencoded\r\n"
                f"Content-Length: {len(body)}\r\nX-Twilio-Signature: {signature}\r\n"
                "Connection: close\r\n\r\n"
            ).encode()
            + body
        )
        await writer.drain()
        raw = await reader.read()
    finally:
        writer.close()
    head, _, content = raw.partition(b"\r\n\r\n")
    status = int(head.split(b" ", 2)[1])
    return status, content.decode()


def next_action(body: str) -> str | None:
    root = ET.fromstring(body)  # noqa: S314 - our own server's TwiML
    gather = root.find("Gather")
    return gather.get("action") if gather is not None else None


async def one_call(
    port: int,
    base: str,
    validator: object,
    sample: list[list[str]],
    results: Results,
    rng: random.Random,
    think: float,
) -> None:
    call_sid = "CA" + secrets.token_hex(16)
    digits, name, born = rng.choice(sample)
    # Each caller calls from their own number: the proof's throttle counts failures per
    # calling number (contact.identity), so one shared number locked every caller out.
    from_number = f"+1613555{rng.randrange(10_000):04d}"

    async def hit(webhook: str, path: str, **extra: str) -> str:
        if think:
            await asyncio.sleep(rng.uniform(0.5 * think, 1.5 * think))
        params = {
            "CallSid": call_sid,
            "AccountSid": "AC" + "0" * 32,
            "From": from_number,
            "To": "+18005550199",
            **extra,
        }
        signature = validator.compute_signature(base + path, params)  # type: ignore[attr-defined]
        started = time.perf_counter()
        status, body = await post(port, path, params, signature)
        results.latencies[webhook].append((time.perf_counter() - started) * 1000)
        if status != 200:
            results.errors.append(f"{webhook}: HTTP {status}")
        elif "technical problem" in body or "problème technique" in body:
            results.errors.append(f"{webhook}: the flow failed (technical problem)")
        return body

    language = rng.choice(["1", "2"])
    await hit("voice", "/ivr/voice", CallStatus="ringing")
    body = await hit("language", "/ivr/language", Digits=language)
    if rng.random() < 0.1:  # a mistyped digit, caught by the check digit
        wrong = digits[:8] + str((int(digits[8]) + 1) % 10)
        body = await hit("number", "/ivr/number", Digits=wrong)
    body = await hit("number", "/ivr/number", Digits=digits)
    if rng.random() < 0.1:  # a wrong date of birth: a failed look-up, then the number again
        await hit("family-name", "/ivr/family-name", Digits=name)
        await hit("birth-date", "/ivr/birth-date", Digits="19000101")
        body = await hit("number", "/ivr/number", Digits=digits)
    body = await hit("family-name", "/ivr/family-name", Digits=name)
    body = await hit("birth-date", "/ivr/birth-date", Digits=born)
    if next_action(body) == "/ivr/menu":
        results.identified += 1
        for key in ("1", "2", "3", "0"):
            body = await hit("menu", "/ivr/menu", Digits=key)
        if "<Enqueue" in body:
            results.transferred += 1
    else:
        results.errors.append("birth-date: the caller was not identified")
    await hit("status", "/ivr/status", CallStatus="completed")
    results.calls += 1


async def caller(
    port: int,
    base: str,
    sample: list[list[str]],
    results: Results,
    seed: int,
    deadline: float,
    think: float,
) -> None:
    from twilio.request_validator import RequestValidator

    validator = RequestValidator(TOKEN)
    rng = random.Random(seed)
    while time.monotonic() < deadline:
        await one_call(port, base, validator, sample, results, rng, think)


async def drive(port: int, sample: list[list[str]], options: argparse.Namespace) -> Results:
    results = Results()
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + options.seconds
    await asyncio.gather(
        *(
            caller(port, base, sample, results, options.seed * 1000 + n, deadline, options.think)
            for n in range(options.calls)
        )
    )
    return results


def merged(runs: list[tuple[Results, float, float]]) -> tuple[Results, float, float]:
    """The rounds of one version as one: latencies and counts pooled, wall and CPU summed."""
    total = Results()
    for results, _wall, _cpu in runs:
        for webhook, values in results.latencies.items():
            total.latencies[webhook].extend(values)
        total.errors.extend(results.errors)
        total.calls += results.calls
        total.identified += results.identified
        total.transferred += results.transferred
    return total, sum(r[1] for r in runs), sum(r[2] for r in runs)


def export_tree(ref: str, into: Path, env: dict[str, str]) -> Path:
    """REF's code in `into` (git archive), its translations compiled: the "before" server."""
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
    return into


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    if not ordered:
        return float("nan")
    index = min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))
    return ordered[index]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database", choices=["postgres", "sqlite"], default="postgres")
    parser.add_argument("--postgres-url", default="postgres://postgres@127.0.0.1:5432/postgres")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=2016)
    parser.add_argument("--calls", type=int, default=100, help="concurrent calls")
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds between webhooks")
    parser.add_argument("--workers", type=int, default=(os.cpu_count() or 1) * 2 + 1)
    parser.add_argument("--sample", type=int, default=5000, help="cases callers draw from")
    parser.add_argument("--fresh", action="store_true", help="seed the database again")
    parser.add_argument("--compare", metavar="REF", help="also serve this commit, alternating")
    parser.add_argument("--rounds", type=int, default=2, help="rounds per version (--compare)")
    parser.add_argument("--json", type=Path, default=None)
    options = parser.parse_args()

    print(f"IVR webhook benchmark: {machine()}")
    url = database_url(options)
    port = str(free_port())
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "guichet.config.django.production",
        "SECRET_KEY": "bench-only-not-secret",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": url,
        "DB_CONN_MAX_AGE": "600",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "TWILIO_AUTH_TOKEN": TOKEN,
        "TWILIO_WEBHOOK_BASE_URL": f"http://127.0.0.1:{port}",
        "BENCH_PORT": port,
        "PYTHONUNBUFFERED": "1",
    }
    manage(env, "migrate", "--no-input", "-v", "0", quiet=True)
    started = time.monotonic()
    manage(
        env,
        "seed_demo",
        f"--cases={options.cases}",
        f"--seed={options.seed}",
        "--if-empty",
        "--no-progress",
    )
    print(
        f"  database ({options.database}, {options.cases:,} cases) ready in "
        f"{time.monotonic() - started:.0f} s"
    )
    manage(env, "shell", "-c", CLEAN, quiet=True)
    exported = manage(
        env,
        "shell",
        "-c",
        EXPORT_SAMPLE.format(seed=options.seed, sample=options.sample),
        quiet=True,
    )
    # The JSON is the last line ("manage.py shell" may announce its automatic imports first).
    sample = json.loads(exported.strip().splitlines()[-1])
    print(f"  {len(sample):,} cases sampled for the callers")

    log = ROOT / "var" / "bench" / f"gunicorn-ivr-{options.database}.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    database = urlsplit(url).path.lstrip("/") if options.database == "postgres" else ""
    trees = {"current": ROOT}
    scratch = Path(tempfile.mkdtemp(prefix="bench-ivr-"))
    if options.compare:
        trees = {"before": export_tree(options.compare, scratch / "ref", env), **trees}
    print(
        f"  gunicorn: {options.workers} sync workers, each started afresh; {options.calls} "
        f"concurrent calls for {options.seconds:.0f} s, think time {options.think} s"
        + (f"; {options.rounds} rounds alternating before ({options.compare}) and current"
           if options.compare else "")
    )  # fmt: skip
    measured: dict[str, list[tuple[Results, float, float]]] = {name: [] for name in trees}
    try:
        for number in range(options.rounds if options.compare else 1):
            for name, tree in trees.items():
                server, port_number = start_server(env, options, log, tree)
                try:
                    cpu_before = cpu_seconds(server.pid, database)
                    wall = time.monotonic()
                    round_results = asyncio.run(drive(port_number, sample, options))
                    wall = time.monotonic() - wall
                    cpu_used = cpu_seconds(server.pid, database) - cpu_before
                finally:
                    server.terminate()
                    server.wait(timeout=30)
                measured[name].append((round_results, wall, cpu_used))
                voice = round_results.latencies["voice"]
                print(
                    f"  round {number + 1} {name}: /ivr/voice p99 {percentile(voice, 0.99):.1f} ms "
                    f"(p50 {percentile(voice, 0.50):.1f} ms), load {os.getloadavg()[0]:.1f}",
                    flush=True,
                )
    finally:
        shutil.rmtree(scratch, ignore_errors=True)

    results, wall, cpu_used = merged(measured["current"])
    if options.compare:
        print("\nEvery webhook over all rounds (before → current):")
        for webhook in WEBHOOKS:
            before = merged(measured["before"])[0].latencies[webhook]
            after = results.latencies[webhook]
            print(
                f"  /ivr/{webhook}: p99 {percentile(before, 0.99):.1f} → "
                f"{percentile(after, 0.99):.1f} ms, p50 {percentile(before, 0.5):.1f} → "
                f"{percentile(after, 0.5):.1f} ms"
            )

    total = sum(len(v) for v in results.latencies.values())
    rows = []
    print()
    print("| webhook | requests | p50 | p95 | p99 | max | p99 ≤ 100 ms |")
    print("|---|---:|---:|---:|---:|---:|:---:|")
    for webhook in WEBHOOKS:
        values = results.latencies[webhook]
        row = {
            "webhook": f"/ivr/{webhook}",
            "requests": len(values),
            "p50_ms": percentile(values, 0.50),
            "p95_ms": percentile(values, 0.95),
            "p99_ms": percentile(values, 0.99),
            "max_ms": max(values) if values else float("nan"),
        }
        rows.append(row)
        print(
            f"| {row['webhook']} | {row['requests']:,} | {row['p50_ms']:.1f} ms | "
            f"{row['p95_ms']:.1f} ms | {row['p99_ms']:.1f} ms | {row['max_ms']:.1f} ms | "
            f"{'yes' if row['p99_ms'] <= 100 else 'NO'} |"
        )
    everything = [v for values in results.latencies.values() for v in values]
    print(
        f"\n{results.calls:,} calls ({results.identified:,} identified, {results.transferred:,} "
        f"put through to an agent), {total:,} webhooks in {wall:.0f} s "
        f"({total / wall:,.0f}/s); all webhooks p50 {statistics.median(everything):.1f} ms, "
        f"p99 {percentile(everything, 0.99):.1f} ms; {len(results.errors)} errors"
    )
    cpu_per_webhook = 1000 * cpu_used / total if total else float("nan")
    cores = os.cpu_count() or 1
    servers = "gunicorn workers" + (" + PostgreSQL backends" if database else "")
    print(
        f"server CPU ({servers}): {cpu_used:.1f} s, {cpu_per_webhook:.1f} ms per webhook, so about "
        f"{1000 * cores / cpu_per_webhook:,.0f} webhooks/s on {cores} idle cores "
        f"(load average at the end {os.getloadavg()[0]:.2f})"
    )
    for error in sorted(set(results.errors))[:10]:
        print(f"  error: {error}")
    if options.json:
        options.json.write_text(
            json.dumps(
                {
                    "machine": machine(),
                    "database": options.database,
                    "cases": options.cases,
                    "calls": options.calls,
                    "think_seconds": options.think,
                    "workers": options.workers,
                    "seconds": wall,
                    "server_cpu_ms_per_webhook": cpu_per_webhook,
                    "webhooks": rows,
                    "errors": len(results.errors),
                },
                indent=2,
            )
        )
    if results.errors or any(row["p99_ms"] > 100 for row in rows):
        sys.exit(1)


if __name__ == "__main__":
    main()
