"""Day numbers: whole local days since 1970-01-01, so that SQL on SQLite and PostgreSQL does
plain integer arithmetic on dates (no julianday(), no date subtraction)."""

import datetime as dt

from django.utils import timezone

EPOCH = dt.date(1970, 1, 1)
_EPOCH_ORDINAL = EPOCH.toordinal()


def day_of(value: dt.date | dt.datetime) -> int:
    """The day number of a date, or of a datetime's local date (settings.TIME_ZONE)."""
    if isinstance(value, dt.datetime):
        value = timezone.localtime(value).date() if timezone.is_aware(value) else value.date()
    return value.toordinal() - _EPOCH_ORDINAL


def date_of(day: int) -> dt.date:
    return dt.date.fromordinal(day + _EPOCH_ORDINAL)


def week_start(day: int) -> int:
    """The Monday on or before `day` (day 0, 1970-01-01, was a Thursday)."""
    return (day + 3) // 7 * 7 - 3


def month_key(day: int) -> str:
    """ "YYYY-MM" of a day number."""
    return date_of(day).strftime("%Y-%m")


def months_back(day: int, count: int) -> list[str]:
    """The `count` calendar months ending with the month of `day`, oldest first."""
    date = date_of(day)
    year, month = date.year, date.month
    keys = []
    for _ in range(count):
        keys.append(f"{year:04d}-{month:02d}")
        year, month = (year, month - 1) if month > 1 else (year - 1, 12)
    return keys[::-1]


def month_first_day(key: str) -> int:
    year, month = (int(part) for part in key.split("-"))
    return day_of(dt.date(year, month, 1))
