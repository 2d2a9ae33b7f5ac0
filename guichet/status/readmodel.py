"""Reading the status read model: the public look-up's one query, and the consistency check.

`status_document_by_serial` is the look-up: one indexed query by the application number's
serial that returns what the proof needs (read from the client row itself, so a corrected name
or date of birth is never stale), the stored document of the asked language and the client's
estimate, joined at look-up time under the rule of standards.selectors.case_estimate_get
(open case, a forecast whose p80 day has not passed). `status_document_answer` gives the API's
bytes: the stored document with the estimate put in, or — when the case has no document of
this process's renderer version — the selector's answer, rendered there and then.

`status_documents_check` proves the two agree: for each case and language it compares what
the look-up would answer with what the selector answers now (ADR 0019).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from django.db import connection

from guichet.cases.models import Case, CaseStatus
from guichet.clients.models import Client
from guichet.core import clock
from guichet.standards.days import date_of, day_of
from guichet.standards.models import CaseForecast
from guichet.status.models import StatusDocument
from guichet.status.payload import document_compose, status_payload_bytes
from guichet.status.selectors import LANGUAGES, case_status_get
from guichet.status.types import DecisionEstimate
from guichet.status.version import renderer_version

# Raw SQL on the hot path, as in accounts.proofs: building it with the ORM would cost more
# than running it. Every join is by primary key or unique index; the same on both databases.
_SELECT = (
    "SELECT c.id, c.application_number, p.family_key, p.date_of_birth, d.version, d.body, "  # noqa: S608
    "f.likely_by_day, f.most_by_day, f.as_of_day, f.open_ended "
    f"FROM {Case._meta.db_table} c "
    f"JOIN {Client._meta.db_table} p ON p.id = c.client_id "
    f"LEFT JOIN {StatusDocument._meta.db_table} d ON d.case_id = c.id AND d.language = %s "
    f"LEFT JOIN {CaseForecast._meta.db_table} f "
    "ON f.case_id = c.id AND c.status = %s AND f.most_by_day >= %s "
)
_BY_SERIAL = _SELECT + "WHERE c.serial = %s"
_BY_ID = _SELECT + "WHERE c.id = %s"


@dataclass(frozen=True)
class StatusLookupRow:
    case_id: int
    application_number: str
    family_key: str
    date_of_birth: str  # YYYY-MM-DD
    language: str
    body: bytes | None  # None: no document of this process's renderer version
    estimate: DecisionEstimate | None


def _row(sql: str, value: int, language: str) -> StatusLookupRow | None:
    language = language if language in LANGUAGES else "en"
    with connection.cursor() as cursor:
        cursor.execute(sql, [language, CaseStatus.IN_PROGRESS, day_of(clock.today()), value])
        row = cursor.fetchone()
    if row is None:
        return None
    case_id, number, family_key, born, version, body, likely, most, as_of, open_ended = row
    estimate = None
    if most is not None:
        estimate = DecisionEstimate(
            likely_by=date_of(likely),
            most_by=date_of(most),
            as_of=date_of(as_of),
            open_ended=bool(open_ended),
        )
    return StatusLookupRow(
        case_id=case_id,
        application_number=number,
        family_key=family_key,
        # SQLite gives the date as text, PostgreSQL as a date: str() is YYYY-MM-DD for both.
        date_of_birth=str(born),
        language=language,
        body=bytes(body) if body is not None and version == renderer_version() else None,
        estimate=estimate,
    )


def status_document_by_serial(*, serial: int, language: str) -> StatusLookupRow | None:
    """The look-up's row for the case with this serial, or None (one query)."""
    return _row(_BY_SERIAL, serial, language)


def status_document_by_case(*, case_id: int, language: str) -> StatusLookupRow | None:
    """The same row, found by case id (the consistency check)."""
    return _row(_BY_ID, case_id, language)


def status_document_answer(row: StatusLookupRow) -> bytes:
    """The API's answer for a proven case: its stored document with the estimate put in, or,
    without a document of this renderer version, the selector's answer (four queries)."""
    if row.body is not None:
        return document_compose(row.body, row.estimate)
    return status_payload_bytes(case_status_get(case_id=row.case_id, language=row.language))


@dataclass(frozen=True)
class Mismatch:
    case_id: int
    language: str
    reason: str  # "missing" (no document of this version) or "different"


def status_documents_check(
    *, case_ids: Sequence[int] | None = None, batch_size: int = 1000
) -> Iterator[Mismatch]:
    """Every case (or those of `case_ids`) whose look-up answer, in any language, is not the
    selector's answer now. Reads only."""
    for batch in _batches(case_ids, batch_size):
        for case_id in batch:
            for language in LANGUAGES:
                row = status_document_by_case(case_id=case_id, language=language)
                if row is None:
                    continue  # deleted since the batch was read
                if row.body is None:
                    yield Mismatch(case_id, language, "missing")
                    continue
                expected = status_payload_bytes(case_status_get(case_id=case_id, language=language))
                if document_compose(row.body, row.estimate) != expected:
                    yield Mismatch(case_id, language, "different")


def _batches(case_ids: Sequence[int] | None, size: int) -> Iterator[list[int]]:
    if case_ids is not None:
        for start in range(0, len(case_ids), size):
            yield list(case_ids[start : start + size])
        return
    last = 0
    while True:
        batch = list(
            Case.objects.filter(pk__gt=last).order_by("pk").values_list("pk", flat=True)[:size]
        )
        if not batch:
            return
        yield batch
        last = batch[-1]
