"""Bulk writing of generated batches: SQLite through staging files, PostgreSQL through COPY.

The seed writes the rows the services would have written, without going through them: that
is what makes a million cases take minutes rather than hours. Ids are allocated up front
(cases and clients) or left to the database (steps and events, which nothing references).

- SQLite: workers write each batch into a small staging database file; the writer attaches
  it and copies its tables with INSERT … SELECT, one transaction per batch, so the rows never
  pass through Python in the writing process. Inside an outer transaction (tests), where
  ATTACH is not allowed, batches are inserted with executemany instead.
- PostgreSQL: batches arrive as COPY text. A large load runs as one transaction that drops
  the foreign keys and secondary indexes of the four tables, copies, then rebuilds them
  (which also checks every foreign key and unique constraint in one pass each) — the way
  pg_restore does it. All or nothing: an interruption leaves the database as it was.
"""

import contextlib
import os
import sqlite3
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.db import connection, transaction
from django.db.backends.utils import CursorWrapper

from guichet.cases.models import Case, CaseEvent, CaseStep
from guichet.clients.models import Client
from guichet.demo.generator import (
    CASE_COLUMNS,
    CLIENT_COLUMNS,
    EVENT_COLUMNS,
    STEP_COLUMNS,
    Block,
    Row,
)

TABLES: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("clients_client", CLIENT_COLUMNS),
    ("cases_case", CASE_COLUMNS),
    ("cases_casestep", STEP_COLUMNS),
    ("cases_caseevent", EVENT_COLUMNS),
)
_MODELS = (Client, Case, CaseStep, CaseEvent)


def columns_check() -> None:
    """Fail loudly if a model gained a column the seed does not fill (or lost one it does)."""
    for model, (table, columns) in zip(_MODELS, TABLES, strict=True):
        expected = {f.column for f in model._meta.concrete_fields}
        if model in (CaseStep, CaseEvent):
            expected.discard("id")
        if model._meta.db_table != table or expected != set(columns):
            raise RuntimeError(
                f"seed_demo is out of date for {model._meta.db_table}: "
                f"missing {sorted(expected - set(columns))}, "
                f"unknown {sorted(set(columns) - expected)}"
            )


@dataclass(frozen=True)
class Counts:
    clients: int
    cases: int
    steps: int
    events: int


def block_counts(block: Block) -> Counts:
    return Counts(len(block.clients), len(block.cases), len(block.steps), len(block.events))


@dataclass(frozen=True)
class EncodedBlock:
    """A batch as COPY text, made in the worker so the writer only streams bytes."""

    counts: Counts
    tables: tuple[bytes, ...]


@dataclass(frozen=True)
class StagedBlock:
    """A batch written by the worker into a staging SQLite file."""

    counts: Counts
    path: str


Batch = Block | EncodedBlock | StagedBlock


def _tables(block: Block) -> tuple[list[Row], ...]:
    return (block.clients, block.cases, block.steps, block.events)


def _insert_sql(table: str, columns: Sequence[str]) -> str:
    # Table and column names come from this module, never from input.
    marks = ", ".join("?" * len(columns))
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"  # noqa: S608


def encode(block: Block) -> EncodedBlock:
    return EncodedBlock(block_counts(block), tuple(_copy_text(rows) for rows in _tables(block)))


def _field(value: object) -> str:
    return "\\N" if value is None else str(value)


def _copy_text(rows: list[Row]) -> bytes:
    # Generated text never holds a tab, newline or backslash (a test checks the pools).
    return "".join(["\t".join(map(_field, row)) + "\n" for row in rows]).encode()


def stage(block: Block, path: str) -> StagedBlock:
    """Write the batch into a fresh SQLite file with bare tables (no index, no journal)."""
    with contextlib.suppress(FileNotFoundError):
        os.remove(path)
    db = sqlite3.connect(path, isolation_level=None)
    try:
        db.execute("PRAGMA journal_mode=OFF").fetchall()
        db.execute("PRAGMA synchronous=OFF")
        db.execute("BEGIN")
        for (table, columns), rows in zip(TABLES, _tables(block), strict=True):
            db.execute(f"CREATE TABLE {table} ({', '.join(columns)})")
            db.executemany(_insert_sql(table, columns), rows)
        db.execute("COMMIT")
    finally:
        db.close()
    return StagedBlock(block_counts(block), path)


class Writer:
    """Writes batches into the default database, inside `loading()`."""

    vendor = ""

    @contextlib.contextmanager
    def loading(self) -> Iterator[None]:
        yield

    def write(self, batch: Batch) -> Counts:
        raise NotImplementedError


class SQLiteWriter(Writer):
    vendor = "sqlite"

    @contextlib.contextmanager
    def loading(self) -> Iterator[None]:
        connection.ensure_connection()
        tune = not connection.in_atomic_block  # a pragma cannot change inside a transaction
        if tune:
            with connection.cursor() as cursor:
                # One writer; synchronous=OFF only risks the last batches on a power cut.
                cursor.execute("PRAGMA synchronous=OFF")
                cursor.execute("PRAGMA cache_size=-262144")  # 256 MiB of page cache
                cursor.execute("PRAGMA temp_store=MEMORY")
        try:
            yield
        finally:
            if tune:
                with connection.cursor() as cursor:
                    cursor.execute("PRAGMA synchronous=NORMAL")
                    cursor.execute("PRAGMA cache_size=-2000")

    def write(self, batch: Batch) -> Counts:
        raw = connection.connection
        if isinstance(batch, StagedBlock):
            raw.execute("ATTACH DATABASE ? AS staging", (batch.path,))
            try:
                with transaction.atomic():
                    for table, columns in TABLES:
                        names = ", ".join(columns)
                        raw.execute(
                            f"INSERT INTO main.{table} ({names}) "  # noqa: S608 (our names)
                            f"SELECT {names} FROM staging.{table}"
                        )
            finally:
                raw.execute("DETACH DATABASE staging")
                os.remove(batch.path)
            return batch.counts
        assert isinstance(batch, Block)
        with transaction.atomic():
            cursor = raw.cursor()
            for (table, columns), rows in zip(TABLES, _tables(batch), strict=True):
                cursor.executemany(_insert_sql(table, columns), rows)
            cursor.close()
        return block_counts(batch)


class PostgresWriter(Writer):
    vendor = "postgresql"

    def __init__(self, *, rebuild: bool) -> None:
        self.rebuild = rebuild  # drop and rebuild constraints and indexes around the load

    @contextlib.contextmanager
    def loading(self) -> Iterator[None]:
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL TIME ZONE 'UTC'")
            cursor.execute("SET LOCAL maintenance_work_mem = '512MB'")
            rebuilt = _constraints_drop(cursor) if self.rebuild else []
            yield
            for statement in rebuilt:
                cursor.execute(statement)
            for table, _columns in TABLES[:2]:  # ids chosen by the seed: move the sequences
                cursor.execute(
                    "SELECT setval(pg_get_serial_sequence(%s, 'id'), "  # noqa: S608 (our names)
                    f"(SELECT MAX(id) FROM {table}))",
                    [table],
                )
        with connection.cursor() as cursor:
            for table, _columns in TABLES:
                cursor.execute(f"ANALYZE {table}")

    def write(self, batch: Batch) -> Counts:
        assert isinstance(batch, EncodedBlock)
        with transaction.atomic(), connection.cursor() as cursor:
            raw = cursor.cursor  # the psycopg cursor under Django's wrapper
            for (table, columns), data in zip(TABLES, batch.tables, strict=True):
                with raw.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
                    copy.write(data)
        return batch.counts


_CONSTRAINTS = """
SELECT c.conrelid::regclass::text, c.conname, pg_get_constraintdef(c.oid)
FROM pg_constraint c
WHERE c.conrelid = ANY(%s::regclass[]) AND c.contype IN ('f', 'u')
ORDER BY c.contype DESC, c.conname
"""
_INDEXES = """
SELECT i.indexrelid::regclass::text, pg_get_indexdef(i.indexrelid)
FROM pg_index i
WHERE i.indrelid = ANY(%s::regclass[]) AND NOT i.indisprimary
  AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conindid = i.indexrelid)
ORDER BY 1
"""


def _constraints_drop(cursor: CursorWrapper) -> list[str]:
    """Drop foreign keys, unique constraints and indexes (not primary keys) of the four
    tables; return the statements that put them back, unique constraints first."""
    tables = [table for table, _columns in TABLES]
    cursor.execute(_CONSTRAINTS, [tables])
    constraints = cursor.fetchall()
    cursor.execute(_INDEXES, [tables])
    indexes = cursor.fetchall()
    for table, name, _definition in constraints:
        cursor.execute(f'ALTER TABLE {table} DROP CONSTRAINT "{name}"')
    for name, _definition in indexes:
        cursor.execute(f"DROP INDEX {name}")
    # Unique constraints sort before foreign keys ('u' > 'f' descending).
    return [definition for _name, definition in indexes] + [
        f'ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}'
        for table, name, definition in constraints
    ]


def writer_for_connection(*, rebuild: bool = False) -> Writer:
    if connection.vendor == "sqlite":
        return SQLiteWriter()
    if connection.vendor == "postgresql":
        return PostgresWriter(rebuild=rebuild)
    raise RuntimeError(f"seed_demo does not know how to bulk-load {connection.vendor}")
