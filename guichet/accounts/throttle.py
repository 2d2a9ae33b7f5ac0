"""Throttling attempts, counted in the database, so that every web process, the API and the
phone line share the same counts (SQLite and PostgreSQL alike).

A *rule* is a named scope with a limit in a sliding window, read from the setting
``ACCOUNTS_THROTTLE_RULES`` (``{"ip": {"limit": 20, "window": 3600}, …}``) each time it is used, so
tests can change it. A *subject* is one rule applied to one value: an application number, an
account id, a client address. Values are stored only as a keyed hash (HMAC with SECRET_KEY).

Functions:

``subject(scope: str, value: str | int) -> Subject``
    The rule named `scope` applied to `value`. Raises KeyError for an unknown scope.

``throttle_check(subjects: Iterable[Subject], *, now: datetime | None = None) -> Verdict``
    Whether one more attempt is allowed for every subject. One query, however many subjects.
    ``Verdict.allowed``; when refused, ``Verdict.retry_after`` (whole seconds until the oldest
    counted attempt of the blocking subject leaves its window) and ``Verdict.scope``. Reads only.

``throttle_record(subjects: Iterable[Subject], *, now: datetime | None = None) -> None``
    Count one attempt against each subject, and forget that subject's attempts older than its
    window. Call it for failures only where only failures should count (identity proofs), so
    that successful look-ups are never throttled.

``throttle_clear(subjects: Iterable[Subject]) -> None``
    Forget every counted attempt of these subjects (staff unblocking someone, tests).

``throttle_prune(*, now: datetime | None = None) -> int``
    Delete every attempt older than the longest window; returns how many. Run it now and then
    (``manage.py throttle_prune``); the table stays small without it, but keys never seen again
    would keep a few rows each.

Typical use (the public status look-up)::

    subjects = [subject("application_number", serial), subject("ip", client_ip(request))]
    verdict = throttle_check(subjects)
    if not verdict.allowed:
        raise Throttled(verdict.retry_after)        # HTTP 429 with Retry-After
    if not proof_matches(...):
        throttle_record(subjects)

The writes (``throttle_record``, ``throttle_clear``, ``throttle_prune``, and the race-safe
proof guard ``proof_attempt`` / ``proof_failed``) are in ``guichet.accounts.services.throttle``;
see ADR 0018 for how identity proofs are throttled without locking anyone out.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils.crypto import salted_hmac

from guichet.accounts.models import ThrottleHit
from guichet.accounts.network import source_of
from guichet.core import clock

_SALT = "guichet.accounts.throttle"
# Raw SQL on the hot path (every look-up checks): the ORM would cost more to build the query
# than the database to run it. Plain SQL, the same on SQLite and PostgreSQL.
_TABLE = ThrottleHit._meta.db_table


@dataclass(frozen=True)
class Rule:
    scope: str
    limit: int
    window: dt.timedelta

    @property
    def window_ms(self) -> int:
        return int(self.window.total_seconds() * 1000)


@dataclass(frozen=True)
class Subject:
    rule: Rule
    key: str  # the keyed hash of the value, never the value


@dataclass(frozen=True)
class Verdict:
    allowed: bool
    retry_after: int = 0
    scope: str | None = None


def rule_get(scope: str) -> Rule:
    config = settings.ACCOUNTS_THROTTLE_RULES[scope]
    return Rule(scope, int(config["limit"]), dt.timedelta(seconds=int(config["window"])))


def subject(scope: str, value: str | int) -> Subject:
    if scope == "ip":
        value = source_of(str(value))  # IPv6 by /64: one household or machine, one source
    digest = salted_hmac(_SALT, f"{scope}\x1f{value}", algorithm="sha256").hexdigest()
    return Subject(rule_get(scope), digest)


def _ms(moment: dt.datetime) -> int:
    return int(moment.timestamp() * 1000)


def throttle_check(subjects: Iterable[Subject], *, now: dt.datetime | None = None) -> Verdict:
    """Whether one more attempt is allowed for every subject (see the module docstring)."""
    subjects = list(subjects)
    if not subjects:
        return Verdict(True)
    now_ms = _ms(now or clock.now())
    where = " OR ".join(["(scope = %s AND key = %s AND at_ms > %s)"] * len(subjects))
    params: list[int | str] = []
    for s in subjects:
        params += [s.rule.scope, s.key, now_ms - s.rule.window_ms]
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT scope, key, COUNT(*), MIN(at_ms) FROM {_TABLE} "  # noqa: S608 - constants
            f"WHERE {where} GROUP BY scope, key",
            params,
        )
        counts = {(scope, key): (n, first) for scope, key, n, first in cursor.fetchall()}
    worst = Verdict(True)
    for s in subjects:
        n, first = counts.get((s.rule.scope, s.key), (0, None))
        if n >= s.rule.limit and first is not None:
            # With more hits than the limit (a race), waiting for the oldest is a lower bound;
            # the next check answers again.
            wait = max(1, math.ceil((int(first) + s.rule.window_ms - now_ms) / 1000))
            if wait > worst.retry_after:
                worst = Verdict(False, wait, s.rule.scope)
    return worst
