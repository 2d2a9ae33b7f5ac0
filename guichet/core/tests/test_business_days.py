"""Business days skip weekends and Canada's federal public holidays."""

import datetime as dt

from guichet.core.business_days import business_days_add, business_days_between, is_business_day

TORONTO = dt.timezone(dt.timedelta(hours=-5))


def test_known_federal_holidays_are_not_business_days():
    assert not is_business_day(dt.date(2026, 12, 25))  # Christmas Day, a Friday
    assert not is_business_day(dt.date(2026, 12, 28))  # Boxing Day (Saturday) observed Monday
    assert not is_business_day(dt.date(2026, 7, 1))  # Canada Day, a Wednesday
    assert not is_business_day(dt.date(2026, 9, 30))  # Truth and Reconciliation Day
    assert is_business_day(dt.date(2026, 12, 29))
    assert not is_business_day(dt.date(2026, 12, 26))  # a Saturday


def test_a_target_that_crosses_a_holiday_falls_due_a_day_later():
    # Tuesday 30 June 2026, 2 business days: Wednesday 1 July is Canada Day, so Friday 3 July.
    tuesday = dt.datetime(2026, 6, 30, 15, 0, tzinfo=TORONTO)
    assert business_days_add(tuesday, 2).date() == dt.date(2026, 7, 3)
    # Thursday 24 December: Christmas (Fri), weekend, Boxing Day observed (Mon) → Wed 30 Dec.
    christmas_eve = dt.datetime(2026, 12, 24, 10, 0, tzinfo=TORONTO)
    assert business_days_add(christmas_eve, 2).date() == dt.date(2026, 12, 30)
    # Sent on the holiday itself: counted from 9:00 the next business day.
    on_canada_day = dt.datetime(2026, 7, 1, 20, 0, tzinfo=TORONTO)
    due = business_days_add(on_canada_day, 1)
    assert (due.date(), due.hour) == (dt.date(2026, 7, 3), 9)


def test_business_days_between_counts_no_holiday():
    # 23 Dec → 31 Dec 2026: 24, 29, 30, 31 (25 and 28 are holidays; 26, 27 a weekend).
    assert business_days_between(dt.date(2026, 12, 23), dt.date(2026, 12, 31)) == 4
    assert business_days_between(dt.date(2026, 12, 31), dt.date(2026, 12, 23)) == 0
