#!/usr/bin/env python3
"""Client resolution at intake on PostgreSQL (issue 14 item 6): the cost per applicant.

A fresh database (guichet_bench_identity, dropped at the end) with N synthetic clients
(default 200,000, bulk-inserted); then for 2,000 applicants (half of them existing clients
typed again with the synthetic errors, half new people): `identity_link.selectors.
client_resolve` (one SQL block, in-process scoring) against the exact look-up intake used
before (`clients.selectors.client_find`), in the same run: median and p99 ms, queries, and
candidates scored per applicant.

    .venv/bin/python bench/bench_identity_resolution.py [--clients N] [--applicants N]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
ADMIN = "postgres://postgres@127.0.0.1:5432/postgres"
URL = "postgres://postgres@127.0.0.1:5432/guichet_bench_identity"


def admin(statement: str) -> None:
    with psycopg.connect(ADMIN, autocommit=True) as conn:
        conn.execute(statement)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--clients", type=int, default=200_000)
    parser.add_argument("--applicants", type=int, default=2_000)
    options = parser.parse_args()
    admin("DROP DATABASE IF EXISTS guichet_bench_identity WITH (FORCE)")
    admin("CREATE DATABASE guichet_bench_identity")
    env = dict(os.environ, DATABASE_URL=URL, DJANGO_SETTINGS_MODULE="guichet.config.django.test")
    os.environ.update(env)
    try:
        subprocess.run(
            [sys.executable, str(ROOT / "manage.py"), "migrate", "--verbosity=0"],
            env=env,
            check=True,
        )
        import django

        django.setup()
        import machine
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        from guichet.clients.models import Client
        from guichet.clients.selectors import client_find
        from guichet.core.text import name_key
        from guichet.identity_link import synthetic
        from guichet.identity_link.selectors import client_candidates, client_resolve

        print("Machine: " + "; ".join(f"{k}: {v}" for k, v in machine.describe(ADMIN).items()))
        left, right, truth = synthetic.pairs(options.clients, seed=31, overlap=0.5)
        started = time.perf_counter()
        Client.objects.bulk_create(
            (
                Client(
                    uci=f"{9_000_000_000 + n}",
                    family_name=row["family_name"],
                    given_names=row["given_names"],
                    family_key=name_key(row["family_name"]),
                    given_key=name_key(row["given_names"]),
                    date_of_birth=dt.date.fromisoformat(row["date_of_birth"]),
                    sex=row["sex"] or "X",
                    postal_code=row["postal_code"],
                )
                for n, row in enumerate(left)
            ),
            batch_size=5_000,
        )
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        print(f"{options.clients:,} clients inserted in {time.perf_counter() - started:.1f} s")
        applicants = [row for row in right if row["date_of_birth"]][: options.applicants]
        timings: dict[str, list[float]] = {"client_resolve": [], "client_find (before)": []}
        queries: dict[str, list[int]] = {name: [] for name in timings}
        candidates: list[int] = []
        outcomes: dict[str, int] = {}
        for row in applicants:
            born = dt.date.fromisoformat(row["date_of_birth"])
            for name in timings:
                with CaptureQueriesContext(connection) as captured:
                    begin = time.perf_counter()
                    if name == "client_resolve":
                        result = client_resolve(
                            family_name=row["family_name"],
                            given_names=row["given_names"],
                            date_of_birth=born,
                            sex=row["sex"],
                        )
                        outcomes[result.outcome] = outcomes.get(result.outcome, 0) + 1
                    else:
                        list(
                            client_find(
                                family_name=row["family_name"],
                                date_of_birth=born,
                                given_names=row["given_names"],
                            )[:1]
                        )
                    timings[name].append((time.perf_counter() - begin) * 1000)
                queries[name].append(len(captured))
            candidates.append(
                len(
                    client_candidates(
                        family_name=row["family_name"],
                        given_names=row["given_names"],
                        date_of_birth=born,
                    )
                )
            )
        print(f"{len(applicants):,} applicants; outcomes of client_resolve: {outcomes}")
        print(
            f"candidates scored per applicant: median {statistics.median(candidates):.0f}, "
            f"max {max(candidates)}"
        )
        print("| look-up | median ms | p99 ms | queries |")
        print("|---|---|---|---|")
        for name, values in timings.items():
            values.sort()
            p99 = values[int(len(values) * 0.99) - 1]
            print(
                f"| {name} | {statistics.median(values):.2f} | {p99:.2f} | {max(queries[name])} |"
            )
        print(f"Load average after: {machine.load_average()}")
        del truth
    finally:
        from django.db import connections

        connections.close_all()
        admin("DROP DATABASE IF EXISTS guichet_bench_identity WITH (FORCE)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
