#!/usr/bin/env python3
"""Representative workspace benchmark (issue 16 A): a representative whose consents cover
5,000 cases, on PostgreSQL (a fresh database, dropped at the end) or SQLite (a file under
var/bench/).

`manage.py seed_demo --cases N` fills the database; one verified representative gets a consent
for all the cases of every client. Then, in process through Django's test client (the whole
request: middleware, access checks, the consent query, the status selector per case, the
template, the access record), it times random workspace pages with and without filters, and
prints the median and p99 per page (ms) and the SQL queries per page, with the same figures
for a representative holding a tenth of the cases (queries must not grow with the cases
held), as one JSON object on its last line.

    .venv/bin/python bench/bench_representatives.py [--cases 5000] [--pages 300]
        [--database-url postgres://postgres@127.0.0.1:5432/postgres | --sqlite]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(Path(__file__).resolve().parent))
BENCH_DB = "guichet_bench_representatives"

import machine  # noqa: E402


def with_database(url: str, name: str) -> str:
    parts = urlsplit(url)
    return urlunsplit((parts.scheme, parts.netloc, f"/{name}", parts.query, parts.fragment))


def prepare(options: argparse.Namespace) -> str:
    if options.sqlite:
        path = ROOT / "var" / "bench" / "representatives.sqlite3"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.unlink(missing_ok=True)
        return f"sqlite:///{path}"
    import psycopg

    with psycopg.connect(options.database_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{BENCH_DB}"')
    return with_database(options.database_url, BENCH_DB)


def drop(options: argparse.Namespace) -> None:
    if options.sqlite:
        return
    import psycopg

    with psycopg.connect(options.database_url, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{BENCH_DB}" WITH (FORCE)')


def manage(url: str, *args: str) -> None:
    env = dict(os.environ, DATABASE_URL=url, DJANGO_SETTINGS_MODULE="guichet.config.django.test")
    subprocess.run([sys.executable, str(ROOT / "manage.py"), *args], env=env, check=True, cwd=ROOT)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def run(url: str, options: argparse.Namespace) -> dict[str, object]:
    os.environ["DATABASE_URL"] = url
    os.environ["DJANGO_SETTINGS_MODULE"] = "guichet.config.django.test"
    import django

    django.setup()
    from django.contrib.auth.models import User
    from django.db import connection
    from django.test import Client as HttpClient
    from django.test.utils import CaptureQueriesContext, setup_test_environment

    from guichet.cases.models import Case
    from guichet.core import clock
    from guichet.representatives.models import Consent, ConsentSource
    from guichet.representatives.services import representative_sign_up, representative_verify
    from guichet.testing.factories import staff_device_add, staff_make
    from guichet.testing.staff import DISPATCH_UID, _verify_forced_login

    setup_test_environment()
    from django.contrib.auth.signals import user_logged_in

    user_logged_in.connect(_verify_forced_login, dispatch_uid=DISPATCH_UID)
    manager = staff_make("manager", username="bench-manager")

    def representative(name: str, clients: list[int]) -> HttpClient:
        rep = representative_sign_up(
            email=f"{name}@example.ca",
            password="a-long-bench-password",  # noqa: S106
            family_name=name,
            given_names="Bench",
            regulator_code="ls-on",
            membership_number=name,
            language="en",
        )
        staff_device_add(rep.user)
        representative_verify(representative_id=rep.pk, actor=manager)
        now = clock.now()
        Consent.objects.bulk_create(
            Consent(
                representative=rep,
                client_id=client_id,
                case=None,
                source=ConsentSource.PAPER,
                granted_at=now,
                granted_by=manager,
            )
            for client_id in clients
        )
        http = HttpClient()
        http.force_login(User.objects.get(pk=rep.user_id))
        return http

    clients = sorted(set(Case.objects.values_list("client_id", flat=True)))
    cases_all = Case.objects.count()
    big = representative("BIGREP", clients)
    small = representative("SMALLREP", clients[: max(1, len(clients) // 10)])
    held_small = Case.objects.filter(client_id__in=clients[: max(1, len(clients) // 10)]).count()
    rng = random.Random(16)
    variants = [
        {},
        {"action_required": "on"},
        {"state": "in_progress"},
        {"at_risk": "on"},
        {"service": "spouse-in-canada"},
    ]

    def measure(http: HttpClient, pages: int, held: int) -> dict[str, object]:
        http.get("/en/representative/")  # warm the catalogue cache
        last_page = max(1, held // 20)
        times: list[float] = []
        queries: list[int] = []
        for _ in range(pages):
            params = dict(rng.choice(variants))
            params["page"] = str(rng.randint(1, last_page))
            connection.queries_log.clear()  # a full log (9,000) makes the count read 0
            with CaptureQueriesContext(connection) as captured:
                start = time.perf_counter()
                response = http.get("/en/representative/", params)
                times.append((time.perf_counter() - start) * 1000)
            assert response.status_code == 200, response.status_code
            queries.append(len(captured))
        unfiltered = []
        for number in (1, last_page):
            connection.queries_log.clear()
            with CaptureQueriesContext(connection) as captured:
                http.get("/en/representative/", {"page": str(number)})
            unfiltered.append(len(captured))
        return {
            "cases_held": held,
            "median_ms": round(statistics.median(times), 1),
            "p99_ms": round(percentile(times, 0.99), 1),
            "queries_min": min(queries),
            "queries_max": max(queries),
            "queries_full_page": unfiltered[0],
        }

    return {
        "bench": "representatives-workspace",
        "database": connection.vendor,
        "machine": machine.describe(options.database_url),
        "cases_in_database": cases_all,
        "big": measure(big, options.pages, cases_all),
        "small": measure(small, max(50, options.pages // 3), held_small),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=5000)
    parser.add_argument("--pages", type=int, default=300)
    parser.add_argument("--sqlite", action="store_true")
    parser.add_argument(
        "--database-url",
        default=os.environ.get("BENCH_POSTGRES_URL", "postgres://postgres@127.0.0.1:5432/postgres"),
    )
    options = parser.parse_args()
    url = prepare(options)
    try:
        manage(url, "migrate", "-v", "0")
        manage(url, "seed_demo", "--cases", str(options.cases), "--no-progress", "--workers", "0")
        result = run(url, options)
    finally:
        from django.db import connections

        connections.close_all()
        drop(options)
    print(json.dumps(result))
    return 0


if __name__ == "__main__":
    sys.exit(main())
