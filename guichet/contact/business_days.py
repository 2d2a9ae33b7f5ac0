"""Service targets counted in business days (Monday to Friday).

Public holidays are not skipped yet: a target that crosses one is a day early, never late.
"""

import datetime as dt


def business_days_add(start: dt.datetime, days: int) -> dt.datetime:
    """`start` moved forward by `days` business days, at the same time of day.

    Something received on a Saturday or Sunday counts from the Monday after it.
    """
    moment = start
    while moment.weekday() >= 5:
        moment = (moment + dt.timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    added = 0
    while added < days:
        moment += dt.timedelta(days=1)
        if moment.weekday() < 5:
            added += 1
    return moment
