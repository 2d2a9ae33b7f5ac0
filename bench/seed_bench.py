"""Seeding benchmark: `manage.py seed_demo` in a child process, timed, its memory sampled.

Peak memory is measured two ways, because the seed forks generator workers:
- max RSS: the largest single process (ru_maxrss from wait4, which covers the reaped workers);
- peak PSS: the whole process tree, sampled every 0.2 s from /proc/<pid>/smaps_rollup
  (proportional set size counts memory shared after fork once, not once per process).
CPU time is user + system of the seed and its workers; the database server's own CPU
(PostgreSQL) is not in it.
"""

import os
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MANAGE = ROOT / "manage.py"
PYTHON = sys.executable


@dataclass(frozen=True)
class SeedRun:
    cases: int
    clients: int
    steps: int
    events: int
    seconds: float
    cpu_seconds: float
    max_rss_mb: float
    peak_pss_mb: float
    load_before: float
    load_after: float

    @property
    def cases_per_second(self) -> float:
        return self.cases / self.seconds


def environment(database_url: str) -> dict[str, str]:
    env = dict(os.environ)
    env["DATABASE_URL"] = database_url
    env.setdefault("DJANGO_SETTINGS_MODULE", "guichet.config.django.development")
    return env


def manage(database_url: str, *args: str) -> str:
    out = subprocess.run(
        [PYTHON, str(MANAGE), *args],
        env=environment(database_url),
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{out.stderr[-3000:]}")
    return out.stdout


def _children(pid: int) -> list[int]:
    found = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat", encoding="ascii", errors="replace") as handle:
                    fields = handle.read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(fields[1]) == pid:
                found.append(int(entry))
    return found


def _tree_pss_kb(root: int) -> int:
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        try:
            with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as handle:
                for line in handle:
                    if line.startswith("Pss:"):
                        total += int(line.split()[1])
                        break
        except OSError:
            continue
        todo.extend(_children(pid))
    return total


def _number(text: str) -> int:
    return int(text.replace(",", ""))


def seed(database_url: str, *, cases: int, seed: int = 2016, workers: int | None = None) -> SeedRun:
    """Run seed_demo once and measure it. The database must be migrated and empty."""
    args = [PYTHON, str(MANAGE), "seed_demo", f"--cases={cases}", f"--seed={seed}", "--no-progress"]
    if workers is not None:
        args.append(f"--workers={workers}")
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    with open(os.devnull, "w") as devnull:
        process = subprocess.Popen(
            args, env=environment(database_url), stdout=subprocess.PIPE, stderr=devnull, text=True
        )
        peak_pss = 0
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                break
            peak_pss = max(peak_pss, _tree_pss_kb(process.pid))
            time.sleep(0.2)
    seconds = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    output = process.stdout.read() if process.stdout else ""
    if process.returncode:
        raise RuntimeError(f"seed_demo failed ({process.returncode}): {output[-2000:]}")
    match = re.search(
        r"Seeded ([\d,]+) cases \(([\d,]+) clients, ([\d,]+) steps, ([\d,]+) events\)", output
    )
    if not match:
        raise RuntimeError(f"no summary from seed_demo: {output[-2000:]}")
    return SeedRun(
        cases=_number(match.group(1)),
        clients=_number(match.group(2)),
        steps=_number(match.group(3)),
        events=_number(match.group(4)),
        seconds=seconds,
        cpu_seconds=usage.ru_utime + usage.ru_stime,
        max_rss_mb=usage.ru_maxrss / 1024,
        peak_pss_mb=peak_pss / 1024,
        load_before=load_before,
        load_after=os.getloadavg()[0],
    )
