"""When a point of service is open: its weekly hours, less its closures and the public
holidays of its country and province (or state), from the `holidays` library."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache
from zoneinfo import ZoneInfo

import holidays


@lru_cache(maxsize=512)
def _holidays(country: str, region: str, year: int) -> dict[dt.date, str]:
    try:
        found = holidays.country_holidays(country, subdiv=region or None, years=year)
    except NotImplementedError:
        # A subdivision the library does not know: the country's own holidays still apply.
        found = holidays.country_holidays(country, years=year)
    return dict(found)


def holiday_name(*, country: str, region: str, day: dt.date) -> str | None:
    """The public holiday on `day` where the point is, or None (names are in English)."""
    return _holidays(country, region, day.year).get(day)


def local_interval(
    *, timezone: str, day: dt.date, opens: dt.time, closes: dt.time
) -> tuple[dt.datetime, dt.datetime]:
    zone = ZoneInfo(timezone)
    return (
        dt.datetime.combine(day, opens, tzinfo=zone),
        dt.datetime.combine(day, closes, tzinfo=zone),
    )
