"""Narrow, columnar extracts of CaseClock for forecasting (numpy arrays, one per column).

Raw SQL through Django's connection: the same text runs on SQLite and PostgreSQL, and rows go
straight into arrays without a model instance each.
"""

from dataclasses import dataclass

import numpy as np
from django.db import connection

from guichet.standards.models import CaseClock

OPEN = np.iinfo(np.int32).max  # decided_day of a case not yet decided


@dataclass(frozen=True)
class OpenCases:
    case_id: np.ndarray
    service_id: np.ndarray
    received_day: np.ndarray
    step_position: np.ndarray
    step_type_id: np.ndarray  # -1: none
    paused_days: np.ndarray  # so far, including a pause under way
    problem: np.ndarray  # bool


@dataclass(frozen=True)
class History:
    """Cases received by some day and decided after another (or open): what was open then."""

    case_id: np.ndarray
    service_id: np.ndarray
    received_day: np.ndarray
    decided_day: np.ndarray  # OPEN when not decided


def _table() -> str:
    return connection.ops.quote_name(CaseClock._meta.db_table)


def open_cases_fetch(*, as_of_day: int) -> OpenCases:
    """Cases open now (not yet decided) and received by as_of_day."""
    # The only interpolation in these queries is our own table's name.
    sql = (
        "SELECT case_id, service_id, received_day, step_position, COALESCE(step_type_id, -1), "  # noqa: S608
        "paused_days + CASE WHEN paused_since_day IS NULL THEN 0 "
        "ELSE %s - paused_since_day END, "
        "CASE WHEN problem = '' THEN 0 ELSE 1 END "
        f"FROM {_table()} WHERE decided_day IS NULL AND received_day <= %s"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [as_of_day, as_of_day])
        rows = cursor.fetchall()
    array = np.array(rows, dtype=np.int64).reshape(-1, 7)
    return OpenCases(
        case_id=array[:, 0],
        service_id=array[:, 1].astype(np.int32),
        received_day=array[:, 2].astype(np.int32),
        step_position=array[:, 3].astype(np.int32),
        step_type_id=array[:, 4].astype(np.int32),
        paused_days=np.maximum(array[:, 5], 0).astype(np.int32),
        problem=array[:, 6].astype(bool),
    )


def history_fetch(*, received_by: int, open_after: int) -> History:
    """Cases received on or before `received_by` and not decided by `open_after`."""
    sql = (
        f"SELECT case_id, service_id, received_day, COALESCE(decided_day, {int(OPEN)}) "  # noqa: S608
        f"FROM {_table()} WHERE received_day <= %s "
        "AND (decided_day IS NULL OR decided_day > %s) AND problem = ''"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [received_by, open_after])
        rows = cursor.fetchall()
    array = np.array(rows, dtype=np.int64).reshape(-1, 4)
    return History(
        case_id=array[:, 0],
        service_id=array[:, 1].astype(np.int32),
        received_day=array[:, 2].astype(np.int32),
        decided_day=array[:, 3].astype(np.int32),
    )


def daily_decisions_fetch(*, after: int, until: int) -> dict[int, np.ndarray]:
    """Decisions per service per day in (after, until]: {service_id: counts, index day-after-1}."""
    sql = (
        f"SELECT service_id, decided_day, COUNT(*) FROM {_table()} "  # noqa: S608
        "WHERE decided_day > %s AND decided_day <= %s GROUP BY service_id, decided_day"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [after, until])
        rows = cursor.fetchall()
    counts: dict[int, np.ndarray] = {}
    for service_id, day, n in rows:
        series = counts.setdefault(service_id, np.zeros(until - after, dtype=np.int64))
        series[day - after - 1] = n
    return counts
