"""One bulk insert of many rows into one of our tables: COPY on PostgreSQL (several times
faster than INSERT for a million rows), executemany on SQLite. Inside the caller's cursor
and transaction; used for the forecasts and the first clock build."""

from typing import Any

from django.db import connection


def rows_insert(
    cursor: Any, table: str, columns: tuple[str, ...], rows: list[tuple[Any, ...]]
) -> None:
    """`table` is already quoted and ours; `rows` are tuples in `columns` order."""
    if not rows:
        return
    names = ", ".join(columns)
    if connection.vendor == "postgresql":
        raw = cursor.cursor  # psycopg's own cursor under Django's wrapper
        with raw.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)
    else:
        marks = ", ".join(["%s"] * len(columns))
        cursor.executemany(f"INSERT INTO {table} ({names}) VALUES ({marks})", rows)  # noqa: S608
