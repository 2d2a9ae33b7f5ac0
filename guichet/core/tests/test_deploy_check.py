"""`manage.py check --deploy` is clean with the production settings (make test runs it too)."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "guichet.config.django.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "guichet.example.ca",
        "DATABASE_URL": "sqlite:///var/deploy-check.sqlite3",
        "TWILIO_AUTH_TOKEN": "deploy-check-token",
    }
    for name in ("DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE"):  # the browser plugin sets the latter
        env.pop(name, None)
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout
