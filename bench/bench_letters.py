#!/usr/bin/env python3
"""Letters (issue 17.2): what issuing costs a receipt, and what rendering costs the worker.

In one process, on a fresh SQLite database (var/bench/letters.sqlite3):
- receipts: `case_receive` of N cases in alternating blocks with the letters receiver connected
  and disconnected (the baseline), median milliseconds per receipt for each;
- renders: `letter_render` of M acknowledgements (the first one apart: it loads the fonts),
  median and p95 milliseconds and CPU seconds, PDF size.

    .venv/bin/python bench/bench_letters.py [--receipts 600] [--renders 60]
    (or: make bench ARGS="--only letters")
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))
VAR = ROOT / "var" / "bench"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--receipts", type=int, default=600)
    parser.add_argument("--renders", type=int, default=60)
    options = parser.parse_args()
    VAR.mkdir(parents=True, exist_ok=True)
    database = VAR / "letters.sqlite3"
    for suffix in ("", "-wal", "-shm"):
        Path(f"{database}{suffix}").unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{database}"
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "guichet.config.django.test")
    os.environ.setdefault("MEDIA_ROOT", str(VAR / "letters-media"))

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    call_command("compile_translations", verbosity=0)

    import machine

    from guichet.cases.signals import case_changed_in_transaction
    from guichet.letters import receivers
    from guichet.letters.models import Letter
    from guichet.letters.services import letter_render
    from guichet.testing.factories import case_make

    with_letters: list[float] = []
    without: list[float] = []
    cpu_with: list[float] = []
    cpu_without: list[float] = []
    block = 50
    for start in range(0, options.receipts, block):
        connected = (start // block) % 2 == 0
        if not connected:
            case_changed_in_transaction.disconnect(dispatch_uid="letters.letter_issue")
        for _ in range(min(block, options.receipts - start)):
            began, cpu_began = time.perf_counter(), time.process_time()
            case_make()
            (with_letters if connected else without).append(time.perf_counter() - began)
            (cpu_with if connected else cpu_without).append(time.process_time() - cpu_began)
        if not connected:
            case_changed_in_transaction.connect(
                receivers.case_changed, dispatch_uid="letters.letter_issue"
            )

    letters = list(
        Letter.objects.order_by("pk").values_list("pk", flat=True)[: options.renders + 1]
    )
    cpu0 = time.process_time()
    began = time.perf_counter()
    letter_render(letter_id=letters[0])
    cold = time.perf_counter() - began
    renders = []
    for letter_id in letters[1:]:
        began = time.perf_counter()
        letter_render(letter_id=letter_id)
        renders.append(time.perf_counter() - began)
    cpu = time.process_time() - cpu0
    size = statistics.median(
        Letter.objects.filter(size__isnull=False).values_list("size", flat=True)
    )

    def ms(values: list[float], q: float = 0.5) -> str:
        ordered = sorted(values)
        return f"{ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000:.1f}"

    print(
        f"{os.cpu_count()} CPUs, {machine.cpu_model()}, {machine.memory_gib():.0f} GiB, "
        f"load average {machine.load_average()}"
    )
    print(
        f"receipts with the letter issued: median {ms(with_letters)} ms, "
        f"CPU {ms(cpu_with)} ms ({len(with_letters)})"
    )
    print(
        f"receipts without (baseline):     median {ms(without)} ms, "
        f"CPU {ms(cpu_without)} ms ({len(without)})"
    )
    ratio = statistics.median(with_letters) / statistics.median(without)
    cpu_ratio = statistics.median(cpu_with) / statistics.median(cpu_without)
    print(f"ratio: {ratio:.2f} wall, {cpu_ratio:.2f} CPU")
    print(f"first render (fonts loaded): {cold * 1000:.0f} ms")
    print(
        f"renders: median {ms(renders)} ms, p95 {ms(renders, 0.95)} ms over {len(renders)}; "
        f"CPU {cpu:.1f} s for {len(renders) + 1}; median PDF {size / 1024:.1f} kB"
    )


if __name__ == "__main__":
    main()
