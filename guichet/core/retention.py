"""Running the retention purges (the periods and the list are in config/settings/retention.py).

Each module owns the purge of its data, in its services (the writes live there); this runs
them in the order RETENTION_PURGES lists, each idempotent and batched, and reports counts.
"""

import datetime as dt
from collections.abc import Callable, Iterator
from typing import Any

from django.conf import settings
from django.db import models
from django.utils.module_loading import import_string

from guichet.core import clock

Purge = Callable[..., dict[str, int]]


def retention_purges() -> list[Purge]:
    return [import_string(path) for path in settings.RETENTION_PURGES]


def retention_purge_all(*, now: dt.datetime | None = None) -> dict[str, int]:
    """Run every purge; returns how many rows or files each step changed."""
    now = now or clock.now()
    counts: dict[str, int] = {}
    for purge in retention_purges():
        counts.update(purge(now=now))
    return counts


def batched_ids(
    queryset: "models.QuerySet[Any]", *, batch_size: int | None = None
) -> Iterator[list[int]]:
    """The primary keys of `queryset`, a batch at a time, re-read after each batch: the caller
    changes each batch so that it leaves the queryset (hence no offset, and no endless loop
    as long as the change does so)."""
    size = batch_size or settings.RETENTION_BATCH_SIZE
    while True:
        ids = list(queryset.order_by("pk").values_list("pk", flat=True)[:size])
        if not ids:
            return
        yield ids
        if len(ids) < size:
            return
