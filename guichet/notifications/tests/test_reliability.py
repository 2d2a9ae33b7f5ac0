"""Reliability: 2,000 notifications, the worker killed with SIGKILL at random moments.

A local GC Notify stub runs in this process; real `manage.py db_worker` processes send to it
through notifications-python-client, and are killed and restarted while they work. Every
notification must reach the stub at least once and end `sent`; a duplicate can only come from a
kill between the provider's answer and its record, so duplicates ≤ kills.

The workers need a database that another process can open: on PostgreSQL (and a file SQLite)
that is the test database itself (hence a transactional test); for pytest-django's in-memory
SQLite, a fresh SQLite file migrated for this test. Seeding and the final report run in a
separate process against that database (reliability_driver), so the test is the same for both.
"""

from __future__ import annotations

import json
import os
import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing
from pathlib import Path
from typing import Any
from urllib.parse import quote

import pytest
from django.db import connection

from guichet.notifications.models import Notification
from guichet.notifications.tests.notify_stub import NotifyStub

pytestmark = pytest.mark.django_db(transaction=True)

ROOT = Path(__file__).resolve().parents[3]
COUNT = 2000
CASES = 20
WORKERS = 2
# Kills come 0.3 to 2 s apart while the stub has not seen every message, at most MAX_KILLS.
MAX_KILLS = 15
# A safety net for a loaded machine, not the expected time (well under a minute when idle).
DEADLINE_SECONDS = 420


def database_url(tmp_path: Path) -> str:
    """A URL of the test database that the worker processes can open."""
    settings = connection.settings_dict
    if connection.vendor == "postgresql":
        user = quote(str(settings.get("USER") or ""))
        password = settings.get("PASSWORD")
        auth = f"{user}:{quote(str(password))}@" if password else (f"{user}@" if user else "")
        host = settings.get("HOST") or "127.0.0.1"
        port = settings.get("PORT") or 5432
        return f"postgres://{auth}{host}:{port}/{settings['NAME']}"
    assert connection.vendor == "sqlite"
    if not connection.is_in_memory_db():
        return f"sqlite:///{settings['NAME']}"
    # pytest-django's in-memory database, migrated and loaded: copy it to a file.
    path = tmp_path / "reliability.sqlite3"
    connection.ensure_connection()
    target = sqlite3.connect(path)
    try:
        connection.connection.backup(target)
    finally:
        target.close()
    return f"sqlite:///{path}"


def environment(url: str, stub: NotifyStub) -> dict[str, str]:
    env = dict(os.environ)
    env.update(stub.env())
    env.update(
        {
            "DJANGO_SETTINGS_MODULE": "guichet.config.django.test",
            "DATABASE_URL": url,
            "NOTIFY_SMS_PROVIDER": "gc_notify",
            "NOTIFY_EMAIL_PROVIDER": "gc_notify",
            # 4 ÷ 1 − 2: batch claims of 2 more messages (NOTIFY_CLAIM_BATCH's cap), so that
            # kills also fall in the middle of batches.
            "NOTIFY_CLAIM_TIMEOUT_SECONDS": "4",
            "NOTIFY_HTTP_TIMEOUT_SECONDS": "1",
            "NOTIFY_RETRY_BASE_SECONDS": "0.5",
            "NOTIFY_RATE_LIMIT_PER_MINUTE": "1000000",
            "NOTIFY_MAX_ATTEMPTS": "50",
            "PYTHONUNBUFFERED": "1",
        }
    )
    return env


def driver(env: dict[str, str], *args: str) -> dict[str, Any]:
    completed = subprocess.run(
        [sys.executable, "-m", "guichet.notifications.tests.reliability_driver", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert completed.returncode == 0, completed.stderr[-3000:]
    return json.loads(completed.stdout.strip().splitlines()[-1])


class Workers:
    def __init__(self, env: dict[str, str], logs: Path) -> None:
        self.env = env
        self.logs = logs
        self.processes: list[subprocess.Popen[bytes]] = []
        self.started = 0
        self.log_of: dict[int, Path] = {}
        self.crash_logs: list[str] = []

    def start(self) -> subprocess.Popen[bytes]:
        self.started += 1
        path = self.logs / f"worker-{self.started}.log"
        log = path.open("wb")
        process = subprocess.Popen(
            [
                sys.executable,
                "manage.py",
                "db_worker",
                "--interval",
                "0.05",
                "--no-startup-delay",
                "--no-reload",
                "--verbosity",
                "0",
            ],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        log.close()
        self.log_of[process.pid] = path
        self.processes.append(process)
        return process

    def restart_crashed(self) -> int:
        """Start a new worker for each one that died by itself; return how many."""
        crashed = [p for p in self.processes if p.poll() is not None]
        for process in crashed:
            self.crash_logs.append(self.log_of[process.pid].read_text()[-2000:])
            self.processes.remove(process)
            self.start()
        return len(crashed)

    def kill_one(self, rng: random.Random) -> None:
        running = [p for p in self.processes if p.poll() is None]
        victim = rng.choice(running)
        victim.send_signal(signal.SIGKILL)
        victim.wait()
        self.processes.remove(victim)
        self.start()

    def stop(self) -> None:
        for process in self.processes:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in self.processes:
            try:
                process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def sent_count(url: str) -> int:
    """Notifications recorded as sent, read without starting a process (cheap to poll)."""
    if (
        url.startswith("sqlite:///")
        and url[len("sqlite:///") :] != connection.settings_dict["NAME"]
    ):
        with closing(sqlite3.connect(url[len("sqlite:///") :], timeout=20)) as database:
            row = database.execute(
                "SELECT COUNT(*) FROM notifications_notification WHERE status = 'sent'"
            ).fetchone()
            return int(row[0])
    return Notification.objects.filter(status="sent").count()


def stub_seen(stub: NotifyStub) -> int:
    with stub.lock:
        return len(stub.by_reference)


@pytest.fixture
def scratch() -> Iterator[Path]:
    """Our own folder: pytest's tmp_path may be pruned by another pytest session meanwhile."""
    path = Path(tempfile.mkdtemp(prefix="guichet-reliability-"))
    yield path
    shutil.rmtree(path, ignore_errors=True)


def test_no_notification_is_lost_when_workers_are_killed(scratch, capsys):
    seed = int(os.environ.get("RELIABILITY_SEED", random.randrange(1_000_000)))
    rng = random.Random(seed)
    url = database_url(scratch)
    with NotifyStub() as stub:
        env = environment(url, stub)
        seeded = driver(env, "seed", str(COUNT), str(CASES))
        references = set(seeded["references"])
        assert len(references) == COUNT

        workers = Workers(env, scratch)
        kills = crashes = 0
        started = time.monotonic()
        try:
            for _ in range(WORKERS):
                workers.start()
            # Chaos: kill a worker at random moments while the stub has not seen every message;
            # each time after some progress, so that kills land while messages are being sent
            # (not only while a restarted worker is still starting).
            while kills < MAX_KILLS and time.monotonic() - started < DEADLINE_SECONDS:
                target = stub_seen(stub) + rng.randint(10, 150)
                pause = time.monotonic() + rng.uniform(0.3, 2.0)
                while stub_seen(stub) < min(target, COUNT) or time.monotonic() < pause:
                    if time.monotonic() - started > DEADLINE_SECONDS:
                        break
                    time.sleep(0.01)
                if stub_seen(stub) >= COUNT:
                    break
                crashes += workers.restart_crashed()
                workers.kill_one(rng)
                kills += 1
            # Settle: let the guards take up what the kills interrupted.
            while time.monotonic() - started < DEADLINE_SECONDS:
                crashes += workers.restart_crashed()
                if sent_count(url) == COUNT:
                    break
                time.sleep(0.5)
        finally:
            workers.stop()
        elapsed = time.monotonic() - started
        report = driver(env, "report")

    with stub.lock:
        received = dict(stub.by_reference)
    duplicates = sum(count - 1 for count in received.values())
    with capsys.disabled():
        print(
            f"\nreliability ({connection.vendor}, seed {seed}): {COUNT} notifications, "
            f"{kills} kills, {crashes} crashes, {duplicates} duplicates, "
            f"{report.get('outcomes', {}).get('interrupted', 0)} interrupted attempts "
            f"taken up again, {elapsed:.1f} s"
        )
    missing = references - received.keys()
    assert not missing, f"{len(missing)} notifications never reached the provider"
    assert received.keys() == references  # nothing we did not queue
    assert report["statuses"] == {"sent": COUNT}, report["statuses"]
    assert kills > 0
    assert duplicates <= kills + crashes
    assert crashes == 0, "workers died by themselves:\n" + "\n---\n".join(workers.crash_logs)
    # Every case's timeline shows the final status of its messages.
    assert len(report["timelines"]) == CASES
    assert all(statuses == ["sent"] for statuses in report["timelines"].values())
