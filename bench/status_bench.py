"""Status selector benchmark, run inside Django against the database in DATABASE_URL.

For random cases, and separately for cases with short and with long histories, it times
`case_status_get` call by call (median and p99), counts its SQL queries
(CaptureQueriesContext, in a separate pass so that counting does not slow the timing), and
times a plain `Case.objects.get(pk=…)` on the same cases in the same run as the baseline.
Prints one JSON object on its last line.

    DATABASE_URL=… .venv/bin/python bench/status_bench.py [--calls 2000]

It runs with the production settings (DEBUG off): with DEBUG on, Django logs every query,
which costs more than some of the calls being measured.
"""

import argparse
import json
import os
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
from django.db.models import Max, Min  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from guichet.cases.models import Case  # noqa: E402
from guichet.status.selectors import case_status_get  # noqa: E402

SHORT = 4  # at most this many events: received, first step started…
LONG = 20  # at least this many events


def _sample(calls: int, rng: random.Random) -> dict[str, list[int]]:
    """Random ids, then the same number with short and with long histories."""
    bounds = Case.objects.aggregate(low=Min("id"), high=Max("id"))
    low, high = bounds["low"], bounds["high"]
    groups: dict[str, list[int]] = {"random": [], "short": [], "long": []}
    candidates = [rng.randint(low, high) for _ in range(calls)]
    existing = set(Case.objects.filter(pk__in=candidates).values_list("pk", flat=True))
    groups["random"] = [pk for pk in candidates if pk in existing]
    for _round in range(50):
        if len(groups["short"]) >= calls and len(groups["long"]) >= calls:
            break
        ids = [rng.randint(low, high) for _ in range(20 * calls)]
        for start in range(0, len(ids), 5000):
            for pk, version in Case.objects.filter(pk__in=ids[start : start + 5000]).values_list(
                "pk", "version"
            ):
                if version <= SHORT and len(groups["short"]) < calls:
                    groups["short"].append(pk)
                elif version >= LONG and len(groups["long"]) < calls:
                    groups["long"].append(pk)
    return groups


def _timings(call, ids: list[int]) -> list[float]:
    times = []
    for n, pk in enumerate(ids):
        language = "fr" if n % 4 == 0 else "en"
        started = time.perf_counter_ns()
        call(pk, language)
        times.append((time.perf_counter_ns() - started) / 1e6)
    return times


def _p99(times: list[float]) -> float:
    return statistics.quantiles(times, n=100)[98] if len(times) >= 100 else max(times)


def _status(pk: int, language: str) -> None:
    case_status_get(case_id=pk, language=language)


def _baseline(pk: int, _language: str) -> None:
    Case.objects.get(pk=pk)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--calls", type=int, default=2000)
    options = parser.parse_args()
    rng = random.Random(1)
    cases = Case.objects.count()
    groups = _sample(options.calls, rng)
    _timings(_status, groups["random"][:200])  # warm caches: catalogue, pages, connection
    result: dict[str, object] = {"cases": cases, "vendor": connection.vendor, "groups": {}}
    for name, ids in groups.items():
        if not ids:
            continue
        status_times = _timings(_status, ids)
        baseline_times = _timings(_baseline, ids)
        counts = set()
        events = []
        for pk in ids[:100]:
            connection.queries_log.clear()  # a full log would make the capture count nothing
            with CaptureQueriesContext(connection) as queries:
                view = case_status_get(case_id=pk, language="en")
            counts.add(len(queries))
            events.append(len(view.history))
        result["groups"][name] = {  # type: ignore[index]
            "calls": len(ids),
            "events_median": statistics.median(events),
            "events_max": max(events),
            "queries": sorted(counts),
            "median_ms": statistics.median(status_times),
            "p99_ms": _p99(status_times),
            "baseline_median_ms": statistics.median(baseline_times),
            "baseline_p99_ms": _p99(baseline_times),
        }
    print(json.dumps(result))


if __name__ == "__main__":
    main()
