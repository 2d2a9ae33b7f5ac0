"""gunicorn settings for production (`make serve`, docs/deployment.md): `gunicorn -c
guichet/config/gunicorn.py guichet.config.wsgi:application`.

Guichet's requests are short and CPU-bound (a status look-up is a few milliseconds of Python),
so the default is sync workers, one per core: threads would contend for the interpreter lock.
The benchmarks in docs/performance.md run gunicorn this way. Every value can be overridden from
the environment.
"""

import multiprocessing
import os

bind = os.environ.get("GUICHET_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", multiprocessing.cpu_count()))
worker_class = os.environ.get("GUNICORN_WORKER_CLASS", "sync")
threads = int(os.environ.get("GUNICORN_THREADS", "1"))
# A queue in the kernel rather than refused connections when a burst arrives.
backlog = 2048
# The reverse proxy keeps connections open to us; a short keep-alive frees sync workers.
keepalive = 5
# A request longer than this is a fault (the slowest page answers in well under a second):
# the worker is recycled rather than left hanging.
timeout = 30
graceful_timeout = 20
# Recycle workers now and then so that a slow leak cannot grow without bound; the jitter keeps
# them from restarting all at once.
max_requests = 20_000
max_requests_jitter = 2_000
# The application is imported once, before forking: workers share its memory pages.
preload_app = True
# Behind the proxy: trust its X-Forwarded-* headers only from the addresses it connects from.
forwarded_allow_ips = os.environ.get("GUNICORN_FORWARDED_ALLOW_IPS", "127.0.0.1,::1")
# No query strings (%(U)s is the path alone) and no client address in the access log: nothing
# that identifies a person is kept there. The status look-up is a POST, so its proof never
# reaches a URL in the first place.
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
access_log_format = '"%(m)s %(U)s" %(s)s %(B)s %(M)sms'
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOG_LEVEL", "info")


def post_worker_init(worker: object) -> None:
    """Each worker warms its caches before its first request (guichet/config/warmup.py): the
    first requests after a start or a recycle (max_requests) no longer pay Django's lazy set-up.
    GUICHET_WARMUP=0 turns it off."""
    if os.environ.get("GUICHET_WARMUP", "1") != "0":
        from guichet.config.warmup import warm_up

        warm_up(getattr(worker, "wsgi", None))
