"""Warm a web worker before it takes its first request (gunicorn's post_worker_init hook).

Django does much of its work lazily, on the first request a process serves: the URL
resolver is built and every view module imported, the translation catalogues are read, the
middleware chain is set up, the per-process catalogue cache is filled from the database and
the database connection opened. Under a burst (a hundred calls starting together) each new
worker paid that on a caller's first request: the phone line's `/ivr/voice` had a p99 of
241 ms for a median of 7 ms (docs/performance.md). Here the worker does it once, before it
accepts a connection: a few in-process GET requests through the WSGI application and the
caches the webhooks read. It writes nothing. Any failure is logged and ignored: a worker that
could not warm up serves as before, only slower at first.
"""

from __future__ import annotations

import io
import logging
import time
from collections.abc import Callable, Iterable
from typing import Any

logger = logging.getLogger("guichet.warmup")

# Pages every worker is likely to serve first, in both languages; none writes.
PATHS = ("/healthz", "/en/", "/fr/")


def _get(application: Callable[..., Iterable[bytes]], path: str, host: str) -> str:
    status: list[str] = []

    def start_response(code: str, headers: list[tuple[str, str]], exc_info: Any = None) -> None:
        status.append(code)

    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": host,
        "SERVER_PORT": "443",
        "HTTP_HOST": host,
        "HTTP_X_FORWARDED_PROTO": "https",
        "REMOTE_ADDR": "127.0.0.1",
        "wsgi.url_scheme": "https",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.errors": io.StringIO(),
        "wsgi.version": (1, 0),
        "wsgi.multithread": False,
        "wsgi.multiprocess": True,
        "wsgi.run_once": False,
    }
    body = application(environ, start_response)
    try:
        for _chunk in body:
            pass
    finally:
        close = getattr(body, "close", None)
        if close is not None:
            close()
    return status[0] if status else "no answer"


def warm_up(application: Callable[..., Iterable[bytes]] | None = None) -> float:
    """Warm this process; returns the seconds it took (0 when nothing could be done)."""
    started = time.monotonic()
    try:
        from django.conf import settings
        from django.utils import translation

        if application is None:
            from guichet.config.wsgi import application as wsgi_application

            application = wsgi_application
        from guichet.catalogue.selectors import catalogue_get
        from guichet.contact.ivr import flow  # noqa: F401 - the phone line's dialogue and TwiML

        catalogue_get()  # the per-process catalogue cache (and the database connection)
        for language in ("en", "fr"):
            with translation.override(language):  # activating reads the catalogues
                pass
        host = next((h for h in settings.ALLOWED_HOSTS if h and "*" not in h), "localhost")
        host = host.lstrip(".")
        answers = {path: _get(application, path, host) for path in PATHS}
    except Exception:  # a cold worker still works; say why it is cold
        logger.exception("warm-up failed; the first requests of this worker will be slower")
        return 0.0
    seconds = time.monotonic() - started
    logger.info(
        "worker warmed in %.0f ms (%s)",
        seconds * 1000,
        ", ".join(f"{path} {answer.split()[0]}" for path, answer in answers.items()),
    )
    return seconds
