"""Production settings refuse to start without a database address (issue 9, item 12)."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from guichet.config.settings.database import database_from_env

ROOT = Path(__file__).resolve().parents[3]


def _start_production(**extra: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
    env.update(
        DJANGO_SETTINGS_MODULE="guichet.config.django.production",
        SECRET_KEY="production-test-only-" + "x" * 40,
        **extra,
    )
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )


def test_production_without_database_url_refuses_to_start() -> None:
    result = _start_production()
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr
    assert "DATABASE_URL" in result.stderr
    assert "started" not in result.stdout


def test_production_with_database_url_starts() -> None:
    result = _start_production(DATABASE_URL="postgres://guichet@db.invalid:5432/guichet")
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout


def test_required_database_has_no_sqlite_fallback(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("DATABASE_URL", raising=False)
    with pytest.raises(ImproperlyConfigured, match="DATABASE_URL"):
        database_from_env(required=True)
    assert database_from_env()["ENGINE"] == "django.db.backends.sqlite3"
