"""The proof throttle under a race, and its growing delay (issue 9.6, ADR 0018).

Each thread is its own database connection: on PostgreSQL the upserts contend on the bucket's
row lock, on SQLite (a file database in tests) on the write lock. Either way a limit of five
lets exactly five attempts through however many arrive at once (40 used to let 13 through).
"""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from django.db import connection

from guichet.accounts.errors import Throttled
from guichet.accounts.lookup import status_lookup
from guichet.accounts.network import source_of
from guichet.accounts.services.throttle import (
    backoff_seconds,
    proof_attempt,
    proof_failed,
    proof_guard,
    proof_succeeded,
    throttle_take,
)
from guichet.accounts.throttle import rule_get, subject
from guichet.core.errors import NotFound
from guichet.testing.factories import case_make, client_make

NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)
GUESSES = 40


def _race(work, count: int = GUESSES) -> list[object]:
    barrier = threading.Barrier(count)
    results: list[object] = [None] * count

    def run(index: int) -> None:
        try:
            barrier.wait(timeout=20)
            results[index] = work(index)
        except Exception as error:
            results[index] = error
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    return results


def _limit(settings, scope: str, limit: int) -> None:
    settings.ACCOUNTS_THROTTLE_RULES = {
        **settings.ACCOUNTS_THROTTLE_RULES,
        scope: {"limit": limit, "window": 3600},
    }


@pytest.mark.django_db(transaction=True)
def test_forty_simultaneous_takes_let_exactly_the_limit_through(settings):
    _limit(settings, "ip", 5)
    results = _race(lambda i: throttle_take([subject("ip", "203.0.113.5")]).allowed)
    assert results.count(True) == 5, results
    assert results.count(False) == GUESSES - 5


@pytest.mark.django_db(transaction=True)
def test_forty_simultaneous_guesses_from_one_address_get_five_answers(settings):
    _limit(settings, "ip", 5)
    born = dt.date(1985, 3, 14)
    case = case_make(client=client_make(family_name="Tremblay", date_of_birth=born))

    def guess(i: int) -> str:
        try:
            status_lookup(
                application_number=case.application_number,
                family_name="Tremblay",
                date_of_birth=born + dt.timedelta(days=i + 1),
                ip="203.0.113.5",
                language="en",
            )
        except NotFound:
            return "evaluated"
        except Throttled:
            return "refused"
        return "found"

    results = _race(guess)
    assert results.count("evaluated") == 5, sorted({str(r) for r in results})
    assert results.count("refused") == GUESSES - 5
    # The genuine client, from elsewhere, is not refused by any of it.
    view = status_lookup(
        application_number=case.application_number,
        family_name="Tremblay",
        date_of_birth=born,
        ip="192.0.2.1",
        language="en",
    )
    assert view.case_id == case.pk


@pytest.mark.django_db(transaction=True)
def test_simultaneous_successes_never_let_more_failures_through(settings):
    # Half the attempts are right (given back), half wrong: still at most five wrong ones are
    # evaluated, and the refunds leave the address exactly the budget its failures left it.
    _limit(settings, "ip", 5)
    born = dt.date(1985, 3, 14)
    case = case_make(client=client_make(family_name="Tremblay", date_of_birth=born))

    def attempt(i: int) -> str:
        right = i % 2 == 0
        try:
            status_lookup(
                application_number=case.application_number,
                family_name="Tremblay",
                date_of_birth=born if right else born + dt.timedelta(days=i),
                ip="203.0.113.5",
                language="en",
            )
        except NotFound:
            return "wrong evaluated"
        except Throttled:
            return "refused"
        return "found"

    results = _race(attempt)
    wrong = results.count("wrong evaluated")
    assert wrong <= 5, sorted({str(r) for r in results})
    assert (
        results.count("wrong evaluated") + results.count("refused") + results.count("found")
        == GUESSES
    ), sorted({str(r) for r in results})
    left = 5 - wrong  # the failures' budget left to the address, successes having cost nothing
    guard = proof_guard("application_number", 999999999, [("ip", "203.0.113.5")])
    assert [throttle_take(guard.sources).allowed for _ in range(left + 1)] == [True] * left + [
        False
    ]


@pytest.mark.django_db
def test_a_success_gives_its_attempt_back_and_a_failure_does_not(settings):
    _limit(settings, "ip", 3)
    guard = proof_guard("application_number", 12345678, [("ip", "203.0.113.7")])
    for _ in range(50):  # fifty correct proofs in the same second, past the limit of three
        assert proof_attempt(guard, now=NOW).allowed
        proof_succeeded(guard)
    for _ in range(3):
        assert proof_attempt(guard, now=NOW).allowed
        proof_failed(guard, now=NOW)
    assert not proof_attempt(guard, now=NOW).allowed


@pytest.mark.django_db
def test_the_delay_grows_and_is_capped_and_fresh_sources_are_never_delayed(settings):
    rule = rule_get("application_number")
    assert [backoff_seconds(n, rule) for n in (1, 4, 5, 6, 7)] == [0, 0, 30, 60, 120]
    assert backoff_seconds(1000, rule) == settings.ACCOUNTS_THROTTLE_BACKOFF["cap"]
    guesser = proof_guard("application_number", 12345678, [("ip", "203.0.113.1")])
    for minute in range(8):
        moment = NOW + dt.timedelta(minutes=minute * 5)
        assert proof_attempt(guesser, now=moment).allowed
        proof_failed(guesser, now=moment)
    # After eight failures: the guesser waits 30 * 2**3 = 240 s, then may try again.
    later = NOW + dt.timedelta(minutes=35)
    verdict = proof_attempt(guesser, now=later + dt.timedelta(seconds=1))
    assert not verdict.allowed and verdict.scope == "pair" and 230 <= verdict.retry_after <= 240
    assert proof_attempt(guesser, now=later + dt.timedelta(seconds=241)).allowed
    fresh = proof_guard("application_number", 12345678, [("ip", "192.0.2.1")])
    assert proof_attempt(fresh, now=later + dt.timedelta(seconds=1)).allowed


def test_ipv6_is_one_source_per_64():
    assert source_of("2001:db8:1:2::1") == source_of("2001:db8:1:2:ffff:ffff:ffff:ffff")
    assert source_of("2001:db8:1:2::1") == "2001:db8:1:2::/64"
    assert source_of("2001:db8:1:3::1") != source_of("2001:db8:1:2::1")
    assert source_of("::ffff:192.0.2.1") == "192.0.2.1"
    assert source_of("192.0.2.1") == "192.0.2.1"
