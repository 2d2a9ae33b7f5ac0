#!/usr/bin/env python3
"""Public status API benchmark: `POST /api/v1/status-lookups` on a 1,000,000-case database,
SQLite and PostgreSQL, served as deployed (gunicorn, 2 workers, production settings), driven
by wrk with a Lua script that posts random valid look-ups.

In the same run and on the same deployment, wrk also drives a trivial JSON view
(`POST /api/v1/bench/trivial`, which exists only with GUICHET_BENCH=1): the ratio of the two
throughputs is what Guichet's own code (throttle check, proof, status selector, rendering)
costs above the framework. Targets: ≥ 1,500 look-ups/s, p99 ≤ 50 ms, ratio ≥ 70 %.

Each database is seeded once (`manage.py seed_demo --cases N --seed S`) and kept for later
runs: var/bench/status-api-<N>.sqlite3, and the PostgreSQL database guichet_bench_status_<N>
(`--fresh` starts again). A sample of cases (application number, family name as stored or
upper-cased, date of birth) is written as a Lua table that the wrk script draws from.

Only failed proofs count against the throttle: the run checks that no look-up was refused (429)
and that the throttle table holds no more rows than there were misses.

    .venv/bin/python bench/bench_status_api.py [--databases sqlite,postgres] [--cases 1000000]
        [--seconds 20] [--rounds 2] [--connections 16] [--wrk-threads 1] [--json out.json]

Needs wrk (Debian: apt-get install wrk) and, for PostgreSQL, a server at --postgres-url.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from contextlib import closing
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
PYTHON = str(ROOT / ".venv" / "bin" / "python")
GUNICORN = str(ROOT / ".venv" / "bin" / "gunicorn")
LOOKUP = "/api/v1/status-lookups"
TRIVIAL = "/api/v1/bench/trivial"

EXPORT_SAMPLE = """
import json, random
from guichet.cases.models import Case
random.seed({seed})
top = Case.objects.order_by("-id").values_list("id", flat=True).first() or 0
wanted = min({sample}, Case.objects.count())
ids = set()
while len(ids) < wanted:
    ids.add(random.randint(1, top))
rows = Case.objects.filter(id__in=ids).values_list(
    "application_number", "client__family_name", "client__date_of_birth")
out = []
for i, (number, family, born) in enumerate(rows):
    # A third typed in capitals, as people do: names are compared after normalisation.
    family = family.upper() if i % 3 == 0 else family
    out.append([number, family, born.isoformat()])
with open({path!r}, "w") as file:
    json.dump(out, file)
"""

THROTTLE_COUNT = (
    "from guichet.accounts.models import ThrottleHit; print(ThrottleHit.objects.count())"
)
THROTTLE_CLEAR = (
    "from guichet.accounts.models import ThrottleHit; ThrottleHit.objects.all().delete()"
)

# Each wrk thread counts answers by status; `done` adds them up and prints one JSON line.
WRK_SCRIPT = """
local bodies = dofile("{bodies}")
local path = "{path}"
local languages = {{"en", "fr-CA"}}
local threads = {{}}
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("id", counter)
  table.insert(threads, thread)
end

function init(args)
  math.randomseed(os.time() * 1000 + id)
  ok, not_found, throttled, other = 0, 0, 0, 0
end

function request()
  local body = bodies[math.random(#bodies)]
  local headers = {{}}
  headers["Content-Type"] = "application/json"
  headers["Accept-Language"] = languages[math.random(2)]
  return wrk.format("POST", path, headers, body)
end

function response(status, headers, body)
  if status == 200 then ok = ok + 1
  elseif status == 404 then not_found = not_found + 1
  elseif status == 429 then throttled = throttled + 1
  else other = other + 1 end
end

function done(summary, latency, requests)
  local t = {{ok = 0, not_found = 0, throttled = 0, other = 0}}
  for _, thread in ipairs(threads) do
    for key, _ in pairs(t) do t[key] = t[key] + thread:get(key) end
  end
  io.write(string.format(
    'WRK {{"requests": %d, "duration_us": %d, "p50_us": %d, "p99_us": %d, "mean_us": %.1f, '
    .. '"max_us": %d, "socket_errors": %d, "ok": %d, "not_found": %d, "throttled": %d, '
    .. '"other": %d}}\\n',
    summary.requests, summary.duration, latency:percentile(50), latency:percentile(99),
    latency.mean, latency.max,
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout,
    t.ok, t.not_found, t.throttled, t.other))
end
"""


@dataclass
class Measure:
    database: str
    endpoint: str
    round: int
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    requests: int
    ok: int
    not_found: int
    throttled: int
    other: int
    socket_errors: int


def machine() -> dict[str, str]:
    model = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": str(os.cpu_count()),
        "cpu": model,
        "system": f"{platform.system()} {platform.release()}",
        "python": platform.python_version(),
        "load_at_start": ", ".join(f"{value:.1f}" for value in os.getloadavg()),
    }


def free_port() -> int:
    with closing(socket.socket(socket.AF_INET, socket.SOCK_STREAM)) as sock:
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
        print("   ", done.stdout.strip().splitlines()[-1])
    return done.stdout


def postgres_database(admin_url: str, name: str, fresh: bool) -> str:
    import psycopg

    with psycopg.connect(admin_url, autocommit=True) as connection:
        exists = connection.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if exists and fresh:
            connection.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
            exists = None
        if not exists:
            connection.execute(f'CREATE DATABASE "{name}"')
    parts = urlsplit(admin_url)
    return urlunsplit(parts._replace(path=f"/{name}"))


def database_url(kind: str, options: argparse.Namespace) -> str:
    if kind == "sqlite":
        path = ROOT / "var" / "bench" / f"status-api-{options.cases}.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        if options.fresh:
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        return f"sqlite:///{path}"
    if kind == "postgres":
        return postgres_database(
            options.postgres_url, f"guichet_bench_status_{options.cases}", options.fresh
        )
    raise SystemExit(f"unknown database {kind!r}: sqlite or postgres")


def lua_string(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def write_sample(env: dict[str, str], options: argparse.Namespace, scratch: Path) -> int:
    target = scratch / "sample.json"
    code = EXPORT_SAMPLE.format(seed=options.seed, sample=options.sample, path=str(target))
    manage(env, "shell", "-v", "0", "-c", code, quiet=True)
    rows = json.loads(target.read_text())
    bodies = [
        json.dumps({"application_number": n, "family_name": f, "date_of_birth": d})
        for n, f, d in rows
    ]
    (scratch / "bodies.lua").write_text(
        "return {\n" + ",\n".join(lua_string(body) for body in bodies) + "\n}\n"
    )
    return len(bodies)


def wrk(
    port: int, path: str, seconds: float, options: argparse.Namespace, scratch: Path
) -> dict[str, Any]:
    script = scratch / f"{path.strip('/').replace('/', '-')}.lua"
    script.write_text(WRK_SCRIPT.format(bodies=scratch / "bodies.lua", path=path))
    done = subprocess.run(
        [
            "wrk",
            f"--threads={options.wrk_threads}",
            f"--connections={options.connections}",
            f"--duration={max(1, round(seconds))}s",
            "--timeout=10s",
            f"--script={script}",
            f"http://127.0.0.1:{port}",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    line = next(line for line in done.stdout.splitlines() if line.startswith("WRK "))
    return dict(json.loads(line[4:]))


def start_server(
    env: dict[str, str], options: argparse.Namespace, log: Path
) -> tuple[subprocess.Popen[bytes], int]:
    port = free_port()
    command = [
        GUNICORN,
        "guichet.config.wsgi:application",
        f"--bind=127.0.0.1:{port}",
        f"--workers={options.workers}",
        f"--worker-class={options.worker_class}",
        "--backlog=2048",
        "--keep-alive=30",
    ]
    if options.worker_class == "gthread":
        command.append(f"--threads={options.threads}")
    with log.open("wb") as out:
        process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=2):
                return process, port
        except OSError:
            time.sleep(0.2)
    process.terminate()
    raise SystemExit(f"gunicorn did not start: see {log}")


def sanity_check(port: int, scratch: Path) -> None:
    """One look-up by hand before measuring: a benchmark of error pages measures nothing."""
    body = (scratch / "sample.json").read_text()
    number, family, born = json.loads(body)[0]
    request = urllib.request.Request(
        f"http://127.0.0.1:{port}{LOOKUP}",
        data=json.dumps(
            {"application_number": number, "family_name": family, "date_of_birth": born}
        ).encode(),
        headers={"Content-Type": "application/json"},
    )
    try:
        with urllib.request.urlopen(request, timeout=10) as answer:  # noqa: S310
            json.loads(answer.read())
    except OSError as error:
        raise SystemExit(f"the first look-up failed ({error}): see the gunicorn log") from None


def run_database(kind: str, options: argparse.Namespace, scratch: Path) -> list[Measure]:
    print(f"\n== {kind}")
    url = database_url(kind, options)
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "guichet.config.django.production",
        "SECRET_KEY": "bench-only-not-secret",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": url,
        "DB_CONN_MAX_AGE": "600",
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "GUICHET_BENCH": "1",
        "PYTHONUNBUFFERED": "1",
    }
    manage(env, "migrate", "--no-input", quiet=True)
    started = time.monotonic()
    manage(
        env,
        "seed_demo",
        f"--cases={options.cases}",
        f"--seed={options.seed}",
        "--if-empty",
        "--no-progress",
    )
    print(f"    database ready in {time.monotonic() - started:.0f} s")
    manage(env, "shell", "-v", "0", "-c", THROTTLE_CLEAR, quiet=True)
    sampled = write_sample(env, options, scratch)
    print(f"    {sampled:,} look-ups sampled")

    server, port = start_server(env, options, scratch / f"gunicorn-{kind}.log")
    measures: list[Measure] = []
    try:
        sanity_check(port, scratch)
        for path in (LOOKUP, TRIVIAL):  # warm both: imports, connections, catalogue cache
            wrk(port, path, options.warmup, options, scratch)
        for round_ in range(1, options.rounds + 1):
            for endpoint, path in (("status lookup", LOOKUP), ("trivial JSON", TRIVIAL)):
                result = wrk(port, path, options.seconds, options, scratch)
                measure = Measure(
                    database=kind,
                    endpoint=endpoint,
                    round=round_,
                    requests_per_second=result["requests"] / (result["duration_us"] / 1e6),
                    p50_ms=result["p50_us"] / 1000,
                    p99_ms=result["p99_us"] / 1000,
                    requests=result["requests"],
                    ok=result["ok"],
                    not_found=result["not_found"],
                    throttled=result["throttled"],
                    other=result["other"],
                    socket_errors=result["socket_errors"],
                )
                measures.append(measure)
                print(
                    f"    round {round_} {endpoint:<14} {measure.requests_per_second:8,.0f} req/s"
                    f"  p50 {measure.p50_ms:6.2f} ms  p99 {measure.p99_ms:6.2f} ms"
                    f"  (200: {measure.ok:,}, 404: {measure.not_found:,},"
                    f" 429: {measure.throttled:,}, other: {measure.other:,},"
                    f" socket errors: {measure.socket_errors:,})"
                )
    finally:
        server.terminate()
        server.wait(timeout=30)
    hits = int(manage(env, "shell", "-v", "0", "-c", THROTTLE_COUNT, quiet=True).split()[-1])
    misses = sum(m.not_found for m in measures if m.endpoint == "status lookup")
    print(f"    throttle table after the run: {hits:,} rows ({misses:,} misses measured)")
    return measures


def summarise(measures: list[Measure]) -> list[dict[str, Any]]:
    rows = []
    for database in dict.fromkeys(m.database for m in measures):

        def mean(endpoint: str, field: str, database: str = database) -> float:
            values = [
                getattr(m, field)
                for m in measures
                if m.database == database and m.endpoint == endpoint
            ]
            return sum(values) / len(values)

        lookup_rps, trivial_rps = (
            mean("status lookup", "requests_per_second"),
            mean("trivial JSON", "requests_per_second"),
        )
        rows.append(
            {
                "database": database,
                "lookup_rps": lookup_rps,
                "lookup_p50_ms": mean("status lookup", "p50_ms"),
                "lookup_p99_ms": mean("status lookup", "p99_ms"),
                "trivial_rps": trivial_rps,
                "trivial_p50_ms": mean("trivial JSON", "p50_ms"),
                "trivial_p99_ms": mean("trivial JSON", "p99_ms"),
                "ratio": lookup_rps / trivial_rps if trivial_rps else 0.0,
                "misses": sum(
                    m.not_found
                    for m in measures
                    if m.database == database and m.endpoint == "status lookup"
                ),
                "throttled": sum(m.throttled for m in measures if m.database == database),
            }
        )
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sample", type=int, default=20_000)
    parser.add_argument("--seconds", type=float, default=20)
    parser.add_argument("--warmup", type=float, default=5)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--wrk-threads", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync", choices=["sync", "gthread"])
    parser.add_argument("--threads", type=int, default=2, help="per worker, with gthread")
    parser.add_argument(
        "--postgres-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    parser.add_argument("--fresh", action="store_true", help="seed the databases again")
    parser.add_argument("--json", type=Path, help="also write the results here")
    options = parser.parse_args()
    sys.stdout.reconfigure(line_buffering=True)  # type: ignore[union-attr]
    if shutil.which("wrk") is None:
        raise SystemExit("wrk not found: apt-get install wrk")

    info = machine()
    print(
        f"Status API benchmark, {dt.date.today()}: {info['nproc']} CPU(s), {info['cpu']}, "
        f"{info['system']}, Python {info['python']}, load at start {info['load_at_start']}"
    )
    print(
        f"gunicorn {options.workers} workers ({options.worker_class}), wrk {options.wrk_threads} "
        f"thread(s) x {options.connections} connections, {options.rounds} round(s) of "
        f"{options.seconds:.0f} s per endpoint, {options.cases:,} cases"
    )
    scratch = Path(tempfile.mkdtemp(prefix="bench-status-"))
    measures: list[Measure] = []
    for kind in [k.strip() for k in options.databases.split(",") if k.strip()]:
        measures += run_database(kind, options, scratch)

    rows = summarise(measures)
    print()
    print(
        "| Database | Look-ups/s | p50 | p99 | Trivial JSON/s | p50 | p99 | Ratio | Misses | 429 |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print(
            f"| {row['database']} | {row['lookup_rps']:,.0f} | {row['lookup_p50_ms']:.1f} ms "
            f"| {row['lookup_p99_ms']:.1f} ms | {row['trivial_rps']:,.0f} "
            f"| {row['trivial_p50_ms']:.1f} ms | {row['trivial_p99_ms']:.1f} ms "
            f"| {row['ratio']:.0%} | {row['misses']:,} | {row['throttled']:,} |"
        )
    print("Targets: ≥ 1,500 look-ups/s, p99 ≤ 50 ms, ratio ≥ 70 %.")
    if options.json:
        options.json.write_text(
            json.dumps(
                {
                    "machine": info,
                    "options": {k: str(v) for k, v in vars(options).items()},
                    "summary": rows,
                    "rounds": [asdict(m) for m in measures],
                },
                indent=2,
            )
        )
    shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    main()
