#!/usr/bin/env python3
"""Council report generation time (issue 16 B): drafting an edition from the live figures,
then each export (PDF/UA, DOCX, ODT) in each language. Target: under 60 s each.

The demo database (`seed_demo --cases N`, then `standards_refresh`) is kept in
var/bench/reports-N.sqlite3 and reused (`--fresh` starts again). Every measured edition is
rolled back, so runs do not pile up.

    .venv/bin/python bench/bench_reports.py [--cases 20000] [--runs 5] [--fresh]
    (or: make bench ARGS="--only reports")
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

import machine
import seed_bench

VAR = Path(__file__).resolve().parents[1] / "var" / "bench"
TARGET_SECONDS = 60.0


def database(cases: int, *, fresh: bool) -> str:
    VAR.mkdir(parents=True, exist_ok=True)
    path = VAR / f"reports-{cases}.sqlite3"
    if fresh:
        for suffix in ("", "-wal", "-shm"):
            Path(f"{path}{suffix}").unlink(missing_ok=True)
    url = f"sqlite:///{path}"
    if not path.exists():
        seed_bench.manage(url, "migrate", "--verbosity=0")
        seed_bench.manage(url, "compile_translations")
        seed_bench.manage(url, "seed_demo", "--cases", str(cases))
        seed_bench.manage(url, "standards_refresh")
    return url


def timed(function, runs: int) -> list[float]:  # type: ignore[no-untyped-def]
    seconds = []
    for _ in range(runs):
        start = time.perf_counter()
        function()
        seconds.append(time.perf_counter() - start)
    return seconds


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--cases", type=int, default=20_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--fresh", action="store_true")
    parser.add_argument("--database-url", help="measure on this database instead (kept as is)")
    options = parser.parse_args()
    url = options.database_url or database(options.cases, fresh=options.fresh)
    os.environ.update(seed_bench.environment(url))

    import django

    django.setup()
    from django.db import transaction

    from guichet.core import clock
    from guichet.reports.exports import FORMATS
    from guichet.reports.render import report_render
    from guichet.reports.services import edition_open

    info = machine.describe("postgres://postgres@127.0.0.1:5432/postgres")
    print("Machine: " + "; ".join(f"{k}: {v}" for k, v in info.items()), flush=True)
    end = clock.today()
    start = end.replace(year=end.year - 1) if end.month <= 6 else end.replace(month=end.month - 6)
    rows = [["step", "language", "runs", "median s", "max s", "size KB", "target"]]
    with transaction.atomic():
        drafts = timed(lambda: edition_open(period_start=start, period_end=end, actor=None), 1)
        edition = edition_open(period_start=start, period_end=end, actor=None)
        drafts += timed(lambda: edition_open(period_start=start, period_end=end, actor=None), 2)
        version = edition.versions.get()
        rows.append(["draft (both languages)", "en+fr", str(len(drafts)),
                     f"{statistics.median(drafts):.3f}", f"{max(drafts):.3f}", "",
                     "met" if max(drafts) < TARGET_SECONDS else "NOT met"])  # fmt: skip
        for fmt, (export, _type) in FORMATS.items():
            for lang in ("en", "fr"):
                size = 0

                def once(export=export, lang=lang) -> None:  # type: ignore[no-untyped-def]
                    nonlocal size
                    report = report_render(edition=edition, version=version, language=lang)
                    size = len(export(report))

                seconds = timed(once, options.runs)
                rows.append([fmt, lang, str(options.runs), f"{statistics.median(seconds):.3f}",
                             f"{max(seconds):.3f}", f"{size / 1024:.0f}",
                             "met" if max(seconds) < TARGET_SECONDS else "NOT met"])  # fmt: skip
        print(f"Figures cited: {len(edition.figures)}; database: {url}")
        transaction.set_rollback(True)
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["| " + " | ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)) + " |"
             for row in rows]  # fmt: skip
    lines.insert(1, "|" + "|".join("-" * (w + 2) for w in widths) + "|")
    print("\n".join(lines))
    print(f"load average after: {machine.load_average()}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
