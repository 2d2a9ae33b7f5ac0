"""Status look-up, in process, before and after the read model (ADR 0019), on the database in
DATABASE_URL (seeded with `manage.py seed_demo`, which also renders the stored statuses).

For the same random sample of cases (application number, family name, date of birth), it
times, call by call and alternating rounds so that neither gets a warmer cache:

- `selector`: the look-up as it was (throttle statement, proof query, the status selector's
  four queries, the JSON payload) — `status_payload_bytes(status_lookup(...))`;
- `read_model`: the API's look-up now — `status_lookup_document(...)`: throttle statement and
  one query returning the stored bytes;

checks that both give the same bytes, and prints look-ups per second, median and p99 (ms),
and queries per look-up, as one JSON object on its last line. Each call comes from its own
address, so that the throttle's per-address bucket never refuses the run.

    DATABASE_URL=… .venv/bin/python bench/bench_status_lookup.py [--calls 3000] [--rounds 3]
"""

import argparse
import json
import os
import platform
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
# Production settings: DEBUG off, so no query is logged (logging would slow every call).
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.config.django.production")
os.environ.setdefault("SECRET_KEY", "bench-only-not-secret")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from guichet.accounts.lookup import status_lookup, status_lookup_document  # noqa: E402
from guichet.cases.models import Case  # noqa: E402
from guichet.status.models import StatusDocument  # noqa: E402
from guichet.status.payload import status_payload_bytes  # noqa: E402


def _sample(calls: int, rng: random.Random) -> list[tuple[str, str, str]]:
    top = Case.objects.order_by("-id").values_list("id", flat=True).first() or 0
    ids = {rng.randint(1, top) for _ in range(calls * 2)}
    rows = Case.objects.filter(id__in=ids).values_list(
        "application_number", "client__family_name", "client__date_of_birth"
    )
    sample = [(n, f, d.isoformat()) for n, f, d in rows]
    rng.shuffle(sample)
    return sample[:calls]


_address = iter(range(1, 10**9))


def _ip() -> str:
    n = next(_address)
    return f"10.{(n >> 16) & 255}.{(n >> 8) & 255}.{n & 255}"


def selector(number: str, family: str, born: str, language: str) -> bytes:
    view = status_lookup(
        application_number=number,
        family_name=family,
        date_of_birth=born,
        ip=_ip(),
        language=language,
        channel="api",
    )
    return status_payload_bytes(view)


def read_model(number: str, family: str, born: str, language: str) -> bytes:
    return status_lookup_document(
        application_number=number,
        family_name=family,
        date_of_birth=born,
        ip=_ip(),
        language=language,
    )


PATHS = {"selector": selector, "read_model": read_model}


def _round(call, sample) -> list[float]:
    times = []
    for n, (number, family, born) in enumerate(sample):
        language = "fr" if n % 4 == 0 else "en"
        started = time.perf_counter_ns()
        call(number, family, born, language)
        times.append((time.perf_counter_ns() - started) / 1e6)
    return times


def _p99(times: list[float]) -> float:
    return statistics.quantiles(times, n=100)[98]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    options = parser.parse_args()
    rng = random.Random(1)
    sample = _sample(options.calls, rng)
    for number, family, born in sample[:200]:  # same answer, and warm caches
        for language in ("en", "fr"):
            a = selector(number, family, born, language)
            b = read_model(number, family, born, language)
            assert a == b, f"{number}: the read model differs from the selector"
    queries = {}
    for name, call in PATHS.items():
        number, family, born = sample[0]
        with CaptureQueriesContext(connection) as captured:
            call(number, family, born, "en")
        queries[name] = len(captured)
    times: dict[str, list[float]] = {name: [] for name in PATHS}
    for _round_number in range(options.rounds):
        for name, call in PATHS.items():
            times[name] += _round(call, sample)
    result = {
        "vendor": connection.vendor,
        "cases": Case.objects.count(),
        "documents": StatusDocument.objects.count(),
        "calls": len(times["selector"]),
        "machine": f"{platform.machine()}, {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}",
    }
    for name, values in times.items():
        result[name] = {
            "per_second": round(1000 / statistics.mean(values)),
            "median_ms": round(statistics.median(values), 3),
            "p99_ms": round(_p99(values), 3),
            "queries": queries[name],
        }
    result["speed_up"] = round(
        result["read_model"]["per_second"] / result["selector"]["per_second"], 2
    )
    print(json.dumps(result))


if __name__ == "__main__":
    main()
