"""scripts/run_demo.py (issue 9.4): the banner and the demo's processes use the port the demo
really listens on, not 8000 whatever --port says."""

import importlib.util
import subprocess
from pathlib import Path

import pytest

from guichet.demo.accounts import staff_url

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "run_demo.py"


@pytest.fixture
def run_demo():
    spec = importlib.util.spec_from_file_location("run_demo", SCRIPT)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_public_address_is_the_one_served(run_demo):
    env = run_demo.demo_environment(
        "http://127.0.0.1:8123/", {"PATH": "/bin", "GUICHET_PUBLIC_URL": "http://x:8000"}
    )
    assert env == {"PATH": "/bin", "GUICHET_PUBLIC_URL": "http://127.0.0.1:8123"}


def test_the_banner_lists_accounts_at_the_served_port(run_demo, monkeypatch, capsys):
    calls = []

    def fake_run(command, **kwargs):
        calls.append((command, kwargs))
        return subprocess.CompletedProcess(command, 0)

    monkeypatch.setattr(run_demo.subprocess, "run", fake_run)
    run_demo.banner("http://127.0.0.1:8123/")
    ((command, kwargs),) = calls
    assert command[-1] == "demo_accounts"
    assert kwargs["env"]["GUICHET_PUBLIC_URL"] == "http://127.0.0.1:8123"
    assert "http://127.0.0.1:8123/en/" in capsys.readouterr().out


def test_demo_accounts_addresses_follow_the_setting(settings):
    settings.GUICHET_PUBLIC_URL = "http://127.0.0.1:8123"
    assert staff_url("web:home").startswith("http://127.0.0.1:8123/")
