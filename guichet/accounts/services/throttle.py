"""Writes of the throttle (reads and the vocabulary are in guichet.accounts.throttle).

Two mechanisms (ADR 0018):

``throttle_take(subjects)`` — one atomic statement (INSERT … ON CONFLICT DO UPDATE … WHERE …
RETURNING) takes one attempt from each subject's bucket (generic cell rate algorithm: `limit`
attempts at once, then one more every window/limit). The row lock of the upsert makes
concurrent attempts take turns, on PostgreSQL and on SQLite alike, so a limit of five lets five
through however many arrive at once. The attempt is taken *before* the proof (that is what
makes the limit race-safe); ``throttle_refund`` gives it back once the proof succeeded.

``proof_attempt(guard)`` / ``proof_failed(guard)`` — identity proofs. The guard of a proof is the
number being proven (an application number, a UCI), the sources of the attempt (the client's
address by /64, the account, the caller's phone number) and one *pair* per source on that
number. Before the proof, ``proof_attempt`` takes from the sources and the pairs in the same
single statement. After a success, ``proof_succeeded`` gives the sources their attempt back
(only failures use up a source's budget; earlier failures stay counted). After a failure,
``proof_failed`` counts it against the number and, once the
number has had more failures than its rule's limit in its window, makes every source that has
failed on it wait a delay that doubles with each further failure (up to a cap). A source that
has not failed on the number is never delayed by other sources' failures: a correct proof from
the genuine client is not refused because others guessed.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from django.conf import settings
from django.db import connection
from django.utils.crypto import salted_hmac

from guichet.accounts.models import ThrottleBucket, ThrottleHit
from guichet.accounts.throttle import _TABLE as _HITS
from guichet.accounts.throttle import Rule, Subject, Verdict, _ms, subject
from guichet.core import clock

_BUCKETS = ThrottleBucket._meta.db_table
_SALT = "guichet.accounts.throttle.pair"
PAIR = Rule("pair", 1, dt.timedelta(0))


@dataclass(frozen=True)
class ProofGuard:
    number: Subject
    sources: tuple[Subject, ...]
    pairs: tuple[Subject, ...]


def proof_guard(
    number_scope: str, number_value: str | int, sources: Sequence[tuple[str, str | int]]
) -> ProofGuard:
    """The guard of one proof of `number_value`, attempted from `sources` ((scope, value)…)."""
    number = subject(number_scope, number_value)
    taken = tuple(subject(scope, value) for scope, value in sources)
    pairs = tuple(
        Subject(
            PAIR,
            salted_hmac(
                _SALT,
                f"{number.rule.scope}\x1f{number.key}\x1f{s.rule.scope}\x1f{s.key}",
                algorithm="sha256",
            ).hexdigest(),
        )
        for s in taken
    )
    return ProofGuard(number, taken, pairs)


def _step_burst(rule: Rule) -> tuple[int, int]:
    if rule is PAIR or rule.scope == PAIR.scope:
        return 0, 0  # allowed while tat <= now: a delay set by proof_failed
    step = max(1, rule.window_ms // max(1, rule.limit))
    # Concurrent attempts read the clock before they queue for the row lock, so one may run
    # with a `now` a little earlier than the one before it: a second of slack (less than a
    # step, so never one attempt more) keeps that from refusing an attempt within the limit.
    return step, rule.window_ms + min(1000, step - 1)


def _greatest() -> str:
    return "GREATEST" if connection.vendor == "postgresql" else "MAX"


def throttle_take(subjects: Iterable[Subject], *, now: dt.datetime | None = None) -> Verdict:
    """Take one attempt from every subject's bucket, atomically; refused when any is empty.

    A subject that had room is charged even when another refuses (a refused attempt still
    costs its sources)."""
    unique = list({(s.rule.scope, s.key): s for s in subjects}.values())
    if not unique:
        return Verdict(True)
    now_ms = _ms(now or clock.now())
    rows: list[int | str] = []
    for s in unique:
        step, burst = _step_burst(s.rule)
        rows += [s.rule.scope, s.key, now_ms + step, step, burst, now_ms]
    values = ", ".join(["(%s, %s, %s, %s, %s, %s)"] * len(unique))
    g = _greatest()
    t = _BUCKETS
    # "now" for the row: the later of this attempt's clock and the latest the row has seen.
    now_sql = f"{g}(%s, {t}.seen_ms)"
    with connection.cursor() as cursor:
        cursor.execute(
            f"INSERT INTO {t} (scope, key, tat_ms, step_ms, burst_ms, seen_ms) VALUES {values} "  # noqa: S608
            f"ON CONFLICT (scope, key) DO UPDATE SET "
            f"tat_ms = {g}({t}.tat_ms, {now_sql}) + excluded.step_ms, "
            f"seen_ms = {now_sql}, step_ms = excluded.step_ms, burst_ms = excluded.burst_ms "
            f"WHERE {g}({t}.tat_ms, {now_sql}) + excluded.step_ms <= {now_sql} + excluded.burst_ms "
            f"RETURNING scope, key",
            [*rows, now_ms, now_ms, now_ms, now_ms],
        )
        taken = {(scope, key) for scope, key in cursor.fetchall()}
    refused = [s for s in unique if (s.rule.scope, s.key) not in taken]
    if not refused:
        return Verdict(True)
    return _refusal(refused, now_ms)


def _buckets_where(subjects: list[Subject]) -> tuple[str, list[str]]:
    """The WHERE clause (and its parameters) picking these subjects' bucket rows."""
    params: list[str] = []
    for s in subjects:
        params += [s.rule.scope, s.key]
    return " OR ".join(["(scope = %s AND key = %s)"] * len(subjects)), params


def _refusal(refused: list[Subject], now_ms: int) -> Verdict:
    where, params = _buckets_where(refused)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT scope, tat_ms, step_ms, burst_ms FROM {_BUCKETS} WHERE {where}",  # noqa: S608
            params,
        )
        found = cursor.fetchall()
    worst = Verdict(False, 1, refused[0].rule.scope)
    for scope, tat, step, burst in found:
        wait = max(1, math.ceil((max(int(tat), now_ms) + int(step) - int(burst) - now_ms) / 1000))
        if wait > worst.retry_after:
            worst = Verdict(False, wait, scope)
    return worst


def proof_attempt(guard: ProofGuard, *, now: dt.datetime | None = None) -> Verdict:
    """Before a proof: one statement, taking from the sources and from their pairs."""
    return throttle_take([*guard.sources, *guard.pairs], now=now)


def throttle_refund(subjects: Iterable[Subject]) -> None:
    """Give back the attempt `throttle_take` took from each subject (after a success): one
    statement. The bucket is never left fuller than full (GREATEST against the clock is
    applied by the next take), and a refused take is never refunded by its caller."""
    unique = list({(s.rule.scope, s.key): s for s in subjects}.values())
    if not unique:
        return
    where, params = _buckets_where(unique)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {_BUCKETS} SET tat_ms = tat_ms - step_ms WHERE {where}",  # noqa: S608
            params,
        )


def proof_succeeded(guard: ProofGuard) -> None:
    """After a correct proof: the attempt taken from its sources is given back, so that only
    failures use up a source's budget (a client checking their own case again and again is
    never refused for it). The pairs take nothing (their step is 0), so nothing else changes."""
    throttle_refund(guard.sources)


def backoff_seconds(failures: int, rule: Rule) -> int:
    """The wait imposed on the sources that failed on a number after its `failures`-th."""
    if failures < rule.limit:
        return 0
    config = settings.ACCOUNTS_THROTTLE_BACKOFF
    return int(min(int(config["base"]) * 2 ** min(failures - rule.limit, 30), int(config["cap"])))


def proof_failed(guard: ProofGuard, *, now: dt.datetime | None = None) -> int:
    """After a failed proof: count it against the number, and delay the failing sources on
    that number once it has failed too often. Returns the delay (seconds, 0 for none)."""
    moment = now or clock.now()
    now_ms = _ms(moment)
    throttle_record([guard.number], now=moment)
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT COUNT(*) FROM {_HITS} WHERE scope = %s AND key = %s AND at_ms > %s",  # noqa: S608
            [guard.number.rule.scope, guard.number.key, now_ms - guard.number.rule.window_ms],
        )
        (failures,) = cursor.fetchone()
    delay = backoff_seconds(int(failures), guard.number.rule)
    if delay and guard.pairs:
        where, keys = _buckets_where(list(guard.pairs))
        with connection.cursor() as cursor:
            cursor.execute(
                f"UPDATE {_BUCKETS} SET tat_ms = {_greatest()}(tat_ms, %s) WHERE {where}",  # noqa: S608
                [now_ms + delay * 1000, *keys],
            )
    return delay


def throttle_record(subjects: Iterable[Subject], *, now: dt.datetime | None = None) -> None:
    """Count one attempt against each subject (sliding window) and forget its attempts older
    than the window. Counts failures on a number (see proof_failed)."""
    subjects = list(subjects)
    if not subjects:
        return
    now_ms = _ms(now or clock.now())
    where = " OR ".join(["(scope = %s AND key = %s AND at_ms <= %s)"] * len(subjects))
    expired: list[int | str] = []
    rows: list[int | str] = []
    for s in subjects:
        expired += [s.rule.scope, s.key, now_ms - s.rule.window_ms]
        rows += [s.rule.scope, s.key, now_ms]
    values = ", ".join(["(%s, %s, %s)"] * len(subjects))
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {_HITS} WHERE {where}", expired)  # noqa: S608
        cursor.execute(
            f"INSERT INTO {_HITS} (scope, key, at_ms) VALUES {values}",  # noqa: S608
            rows,
        )


def throttle_clear(subjects: Iterable[Subject]) -> None:
    """Forget every counted attempt of these subjects."""
    for s in subjects:
        ThrottleHit.objects.filter(scope=s.rule.scope, key=s.key).delete()
        ThrottleBucket.objects.filter(scope=s.rule.scope, key=s.key).delete()


def throttle_prune(*, now: dt.datetime | None = None) -> int:
    """Delete attempts older than the longest window of any rule, and buckets back to full
    (a full bucket and no bucket are the same); return how many."""
    now_ms = _ms(now or clock.now())
    longest = max(int(rule["window"]) for rule in settings.ACCOUNTS_THROTTLE_RULES.values())
    deleted, _ = ThrottleHit.objects.filter(at_ms__lte=now_ms - longest * 1000).delete()
    emptied, _ = ThrottleBucket.objects.filter(tat_ms__lte=now_ms).delete()
    return deleted + emptied
