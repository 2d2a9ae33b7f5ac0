#!/usr/bin/env python3
"""Run Guichet as in production, in the foreground: gunicorn and the task workers, stopped
together.

Called by `make serve` once the database is migrated and the static files are collected (see
docs/deployment.md). It starts `gunicorn -c guichet/config/gunicorn.py` (GUNICORN_WORKERS web
workers, one per core by default) and GUICHET_TASK_WORKERS `manage.py db_worker` processes
(2 by default: the notification worker's throughput is bound by the provider's latency, not
by CPU), and stops them all when one exits or on SIGINT/SIGTERM. A process manager (systemd,
a container orchestrator) would run the same commands, one unit each.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
GRACE_SECONDS = 25  # gunicorn's graceful_timeout is 20 s


class Stop(Exception):
    """A signal asked us to stop."""


def on_signal(signum: int, frame: FrameType | None) -> None:
    raise Stop(signal.Signals(signum).name)


def commands() -> dict[str, list[str]]:
    web = [
        str(BIN / "gunicorn"),
        "-c",
        str(ROOT / "guichet" / "config" / "gunicorn.py"),
        "guichet.config.wsgi:application",
    ]
    count = int(os.environ.get("GUICHET_TASK_WORKERS", "2"))
    worker = [sys.executable, str(ROOT / "manage.py"), "db_worker", "--no-reload"]
    found = {"web server": web}
    for n in range(1, count + 1):
        found[f"task worker {n}"] = [*worker, "--queue-name", "*", "--worker-id", f"worker-{n}"]
    return found


def stop(processes: list[subprocess.Popen[bytes]], signum: int) -> None:
    for process in processes:
        if process.poll() is None:
            process.send_signal(signum)
    deadline = time.monotonic() + GRACE_SECONDS
    for process in processes:
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=max(0.0, deadline - time.monotonic()))
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait()


def main() -> int:
    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, on_signal)
    processes: list[subprocess.Popen[bytes]] = []
    names: dict[int, str] = {}
    try:
        for name, command in commands().items():
            process = subprocess.Popen(  # noqa: S603
                command, cwd=ROOT, stdin=subprocess.DEVNULL, process_group=0
            )
            processes.append(process)
            names[process.pid] = name
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
        ended = next(process for process in processes if process.poll() is not None)
        print(f"The {names[ended.pid]} stopped (status {ended.returncode}).", file=sys.stderr)
        stop(processes, signal.SIGTERM)
        code = ended.returncode
        return 128 - code if code < 0 else (code or 1)
    except Stop:
        # SIGTERM to both: gunicorn finishes its requests, db_worker its task.
        stop(processes, signal.SIGTERM)
        return 0
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()


if __name__ == "__main__":
    sys.exit(main())
