"""Business days: Monday to Friday, less Canada's federal public holidays.

The holidays come from the `holidays` library (Canada, no province: the statutory holidays of
the Canada Labour Code, which federal offices observe, with the weekday a holiday is moved to
when it falls on a weekend). A target counted in business days therefore never falls due on
Christmas Day or on Canada Day.
"""

import datetime as dt
from functools import lru_cache

import holidays


@lru_cache(maxsize=64)
def _federal_holidays(year: int) -> frozenset[dt.date]:
    calendar = holidays.country_holidays(
        "CA", years=year, categories=(holidays.PUBLIC, holidays.GOVERNMENT)
    )
    return frozenset(calendar.keys())


def is_business_day(day: dt.date) -> bool:
    return day.weekday() < 5 and day not in _federal_holidays(day.year)


def business_days_add(start: dt.datetime, days: int) -> dt.datetime:
    """`start` moved forward by `days` business days, at the same time of day.

    Something received on a weekend or a holiday counts from 9:00 on the next business day.
    """
    moment = start
    while not is_business_day(moment.date()):
        moment = (moment + dt.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    added = 0
    while added < days:
        moment += dt.timedelta(days=1)
        if is_business_day(moment.date()):
            added += 1
    return moment


def business_days_between(start: dt.date, end: dt.date) -> int:
    """Business days after `start` up to and including `end` (0 when `end` is not later)."""
    count = 0
    day = start
    while day < end:
        day += dt.timedelta(days=1)
        if is_business_day(day):
            count += 1
    return count
