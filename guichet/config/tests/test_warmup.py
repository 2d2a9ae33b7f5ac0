"""The web worker's warm-up (gunicorn post_worker_init): it fills the per-process caches a
first request would, answers its pages, and never raises."""

import pytest
from django.core.signals import request_finished, request_started
from django.db import close_old_connections

from guichet.catalogue import selectors as catalogue_selectors
from guichet.config import warmup

pytestmark = pytest.mark.django_db


@pytest.fixture
def keep_test_connection():
    # As Django's test client does: a request must not close the test's transaction.
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def test_warm_up_answers_its_pages_and_fills_the_catalogue_cache(
    monkeypatch, settings, keep_test_connection
):
    settings.ALLOWED_HOSTS = ["guichet.example.ca"]
    answers: list[str] = []
    real_get = warmup._get

    def get(app, path, host):
        answers.append(real_get(app, path, host))
        return answers[-1]

    calls: list[int] = []
    real_catalogue = catalogue_selectors.catalogue_get

    def catalogue():
        calls.append(1)
        return real_catalogue()

    monkeypatch.setattr(warmup, "_get", get)
    monkeypatch.setattr(catalogue_selectors, "catalogue_get", catalogue)
    assert warmup.warm_up() > 0
    assert calls  # filled by the warm-up itself, and read by the pages
    assert [a.split()[0] for a in answers] == ["200"] * len(warmup.PATHS), answers


def test_a_failed_warm_up_is_logged_not_raised(caplog):
    def broken(environ, start_response):
        raise RuntimeError("no database")

    assert warmup.warm_up(broken) == 0.0
    assert "warm-up failed" in caplog.text
