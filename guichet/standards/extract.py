"""Narrow, columnar extracts of CaseClock for forecasting (numpy arrays, one per column).

Raw SQL through Django's connection: the same text runs on SQLite and PostgreSQL, and rows go
straight into arrays without a model instance each.
"""

from dataclasses import dataclass

import numpy as np
from django.db import connection

from guichet.standards.models import CaseClock
from guichet.standards.survival import OPEN  # decided_day of a case not yet decided


@dataclass(frozen=True)
class OpenCases:
    case_id: np.ndarray
    service_id: np.ndarray
    received_day: np.ndarray
    step_position: np.ndarray
    step_type_id: np.ndarray  # -1: none
    paused_days: np.ndarray  # so far, including a pause under way
    problem: np.ndarray  # bool


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


@dataclass(frozen=True)
class Ends:
    """Cases received by some day and not ended before another: receipt, end (decision or
    withdrawal; OPEN while open) and whether the end was a withdrawal. Sorted by service."""

    case_id: np.ndarray
    service_id: np.ndarray
    received_day: np.ndarray
    ended_day: np.ndarray
    withdrawn: np.ndarray  # bool

    def service_slices(self) -> dict[int, slice]:
        ids, starts = np.unique(self.service_id, return_index=True)
        ends = [*starts[1:].tolist(), len(self.service_id)]
        return {int(i): slice(int(a), int(b)) for i, a, b in zip(ids, starts, ends, strict=True)}


def ends_fetch(*, received_by: int, ended_after: int) -> Ends:
    """Cases received on or before `received_by` and open or ended after `ended_after`,
    problem cases left out (their dates cannot be trusted)."""
    sql = (
        f"SELECT case_id, service_id, received_day, COALESCE(decided_day, {int(OPEN)}), "  # noqa: S608
        f"CASE WHEN withdrawn THEN 1 ELSE 0 END FROM {_table()} WHERE received_day <= %s "
        "AND (decided_day IS NULL OR decided_day > %s) AND problem = '' "
        "ORDER BY service_id, case_id"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, [received_by, ended_after])
        rows = cursor.fetchall()
    array = np.array(rows, dtype=np.int64).reshape(-1, 5)
    return Ends(
        case_id=array[:, 0],
        service_id=array[:, 1].astype(np.int32),
        received_day=array[:, 2].astype(np.int32),
        ended_day=array[:, 3].astype(np.int32),
        withdrawn=array[:, 4].astype(bool),
    )
