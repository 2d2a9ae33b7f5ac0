#!/usr/bin/env python3
"""Run the demo in the foreground: the web server and the task worker, stopped together.

Called by `make demo` once the database is migrated and seeded. It starts
`manage.py runserver HOST:PORT --noreload` (127.0.0.1:8000 unless --host and --port say
otherwise) and `manage.py db_worker`, with GUICHET_PUBLIC_URL set to that address, prints the
URL and the demo accounts once the server answers, and stops both when either one exits or on
Ctrl-C / SIGTERM. Its exit status is the first process's failure, or 0 after Ctrl-C.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path
from types import FrameType

ROOT = Path(__file__).resolve().parents[1]
MANAGE = [sys.executable, str(ROOT / "manage.py")]
GRACE_SECONDS = 10


class Stop(Exception):
    """A signal asked the demo to stop."""


def on_signal(signum: int, frame: FrameType | None) -> None:
    raise Stop(signal.Signals(signum).name)


def port_in_use(host: str, port: int) -> bool:
    try:
        with socket.create_connection((host, port), timeout=0.5):
            return True
    except OSError:
        return False


def wait_for_port(host: str, port: int, processes: list[subprocess.Popen[bytes]]) -> bool:
    """Wait until something listens on host:port, or a process dies (then False)."""
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if any(process.poll() is not None for process in processes):
            return False
        if port_in_use(host, port):
            return True
        time.sleep(0.2)
    return False


def demo_environment(url: str, base: dict[str, str] | None = None) -> dict[str, str]:
    """The environment of the demo's processes: the public address is the one this demo serves
    (`--host`, `--port`), so the banner's sign-in addresses and the links in the demo's e-mails
    and text messages point where the server really listens, not at the default :8000."""
    env = dict(os.environ if base is None else base)
    env["GUICHET_PUBLIC_URL"] = url.rstrip("/")
    return env


def banner(url: str) -> None:
    print(f"\n  Guichet is running at {url}  (English: {url}en/, français : {url}fr/)", flush=True)
    accounts = subprocess.run(  # noqa: S603
        [*MANAGE, "demo_accounts"], cwd=ROOT, check=False, env=demo_environment(url)
    )
    if accounts.returncode != 0:
        print(f"  (manage.py demo_accounts failed with status {accounts.returncode})", flush=True)
    print("  Press Ctrl-C to stop the web server and the task worker.\n", flush=True)


def stop(processes: list[subprocess.Popen[bytes]], signum: int) -> None:
    """Pass the signal on to each process still running; kill what is left after a grace
    period, or at once on a second Ctrl-C."""
    for process in processes:
        if process.poll() is None:
            process.send_signal(signum)
    deadline = time.monotonic() + GRACE_SECONDS
    try:
        for process in processes:
            with contextlib.suppress(subprocess.TimeoutExpired):
                process.wait(timeout=max(0.0, deadline - time.monotonic()))
    except Stop:
        pass  # a second Ctrl-C: no more waiting
    for process in processes:
        if process.poll() is None:
            process.kill()
            process.wait()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    url = f"http://{args.host}:{args.port}/"

    if port_in_use(args.host, args.port):
        print(
            f"{args.host}:{args.port} is already in use: stop what runs there first.",
            file=sys.stderr,
        )
        return 1

    for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(signum, on_signal)

    commands = {
        "web server": [*MANAGE, "runserver", f"{args.host}:{args.port}", "--noreload"],
        "task worker": [*MANAGE, "db_worker", "--no-reload", "--queue-name", "*"],
    }
    processes: list[subprocess.Popen[bytes]] = []
    names: dict[int, str] = {}
    try:
        for name, command in commands.items():
            # Their own process group: Ctrl-C reaches this script only, which passes exactly
            # one SIGINT on (a second one makes db_worker abandon the task it is running).
            process = subprocess.Popen(  # noqa: S603
                command,
                cwd=ROOT,
                stdin=subprocess.DEVNULL,
                process_group=0,
                env=demo_environment(url),
            )
            processes.append(process)
            names[process.pid] = name
        if wait_for_port(args.host, args.port, processes):
            banner(url)
        # Run until one of the two stops: the other is of no use alone.
        while all(process.poll() is None for process in processes):
            time.sleep(0.5)
        ended = next(process for process in processes if process.poll() is not None)
        print(f"\nThe {names[ended.pid]} stopped (status {ended.returncode}).", file=sys.stderr)
        stop(processes, signal.SIGTERM)
        code = ended.returncode
        return 128 - code if code < 0 else (code or 1)  # -N: killed by signal N
    except Stop as stopped:
        print("\nStopping the web server and the task worker…", file=sys.stderr, flush=True)
        interrupted = str(stopped) == "SIGINT"
        stop(processes, signal.SIGINT if interrupted else signal.SIGTERM)
        return 0 if interrupted else 128 + signal.SIGTERM
    finally:
        for process in processes:
            if process.poll() is None:
                process.kill()


if __name__ == "__main__":
    sys.exit(main())
