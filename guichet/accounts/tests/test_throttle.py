"""The database throttle: sliding windows, Retry-After, separate subjects, nothing in clear."""

import datetime as dt

import pytest
from django.core.management import call_command

from guichet.accounts.models import ThrottleHit
from guichet.accounts.services.throttle import throttle_clear, throttle_prune, throttle_record
from guichet.accounts.throttle import subject, throttle_check
from guichet.core import clock

pytestmark = pytest.mark.django_db
NOW = dt.datetime(2026, 3, 1, 12, 0, tzinfo=dt.UTC)


def test_allows_up_to_the_limit_then_says_how_long_to_wait():
    number = [subject("application_number", 12345678)]
    for minute in range(5):
        assert throttle_check(number, now=NOW + dt.timedelta(minutes=minute)).allowed
        throttle_record(number, now=NOW + dt.timedelta(minutes=minute))
    verdict = throttle_check(number, now=NOW + dt.timedelta(minutes=10))
    assert not verdict.allowed
    assert verdict.scope == "application_number"
    # The oldest failure (at NOW) leaves the one-hour window at NOW + 60 min.
    assert verdict.retry_after == 50 * 60


def test_the_window_slides():
    number = [subject("application_number", 12345678)]
    for minute in range(5):
        throttle_record(number, now=NOW + dt.timedelta(minutes=minute))
    assert not throttle_check(number, now=NOW + dt.timedelta(minutes=59)).allowed
    assert throttle_check(number, now=NOW + dt.timedelta(minutes=60, seconds=1)).allowed


def test_subjects_are_counted_apart_and_the_longest_wait_wins():
    ip = subject("ip", "198.51.100.7")
    one, two = subject("application_number", 11111111), subject("application_number", 22222222)
    for i in range(5):
        throttle_record([one, ip], now=NOW + dt.timedelta(minutes=i))
    assert not throttle_check([one, ip], now=NOW + dt.timedelta(minutes=5)).allowed
    assert throttle_check([two, ip], now=NOW + dt.timedelta(minutes=5)).allowed
    for _ in range(15):
        throttle_record([two, ip], now=NOW + dt.timedelta(minutes=20))
    verdict = throttle_check([two, ip], now=NOW + dt.timedelta(minutes=30))
    assert verdict.scope in {"ip", "application_number"}
    assert verdict.retry_after == 50 * 60  # both blocking: the number until 20+60, the ip 0+60


def test_values_are_never_stored_in_clear():
    throttle_record([subject("ip", "203.0.113.9"), subject("application_number", 87654321)])
    stored = list(ThrottleHit.objects.values_list("scope", "key"))
    assert len(stored) == 2
    for _scope, key in stored:
        assert "203.0.113.9" not in key and "87654321" not in key and len(key) == 64


def test_expired_hits_are_forgotten_on_record_and_by_prune():
    ip = [subject("ip", "192.0.2.1")]
    throttle_record(ip, now=NOW)
    throttle_record(ip, now=NOW + dt.timedelta(hours=2))
    assert ThrottleHit.objects.count() == 1
    throttle_record([subject("ip", "192.0.2.2")], now=NOW)
    assert throttle_prune(now=NOW + dt.timedelta(hours=3)) >= 2
    call_command("throttle_prune", verbosity=0)


def test_clear():
    ip = [subject("ip", "192.0.2.1")]
    for _ in range(30):
        throttle_record(ip)
    assert not throttle_check(ip).allowed
    throttle_clear(ip)
    assert throttle_check(ip).allowed


def test_the_limits_come_from_settings(settings):
    settings.ACCOUNTS_THROTTLE_RULES = {
        **settings.ACCOUNTS_THROTTLE_RULES,
        "ip": {"limit": 2, "window": 60},
    }
    ip = [subject("ip", "192.0.2.1")]
    throttle_record(ip, now=clock.now())
    assert throttle_check(ip).allowed
    throttle_record(ip, now=clock.now())
    verdict = throttle_check(ip)
    assert not verdict.allowed and 1 <= verdict.retry_after <= 60
