"""Writing the status documents: each case's status rendered by the one selector and stored,
per language, for the public look-up (ADR 0019).

`status_documents_write` renders with `status.selectors.case_status_render`, the function
`case_status_get` renders with, so a document is the selector's answer by construction. It
runs inside the transaction of every change to a case (`status_document_on_case_changed`, on
`cases.signals.case_changed_in_transaction`), so a document commits or rolls back with the
change that made the previous one stale. The estimate is not stored (status.readmodel joins
it at look-up time), so a forecast run rewrites no document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any

from django.db import transaction

from guichet.cases.models import Case, CaseEvent, CaseStep
from guichet.cases.signals import CaseWritten
from guichet.status.models import StatusDocument
from guichet.status.payload import document_body
from guichet.status.selectors import (
    CASE_FIELDS,
    EVENT_FIELDS,
    LANGUAGES,
    STEP_FIELDS,
    CaseRows,
    case_rows_get,
    case_rows_of,
    case_status_render,
)
from guichet.status.version import renderer_version

REBUILD_BATCH = 500


def _documents(rows: Iterable[CaseRows], version: str) -> list[StatusDocument]:
    return [
        StatusDocument(
            case_id=r.case.pk,
            language=language,
            version=version,
            body=document_body(case_status_render(r, language=language, estimate=None)),
        )
        for r in rows
        for language in LANGUAGES
    ]


def _store(documents: list[StatusDocument]) -> None:
    if documents:
        StatusDocument.objects.bulk_create(
            documents,
            update_conflicts=True,
            unique_fields=["case", "language"],
            update_fields=["version", "body"],
        )


def status_documents_write(*, case_ids: Sequence[int]) -> int:
    """Render and store the documents of these cases, in every language (in the caller's
    transaction, or its own). Unknown ids are skipped. Returns how many cases were written."""
    # No savepoint inside the change's transaction (two statements saved on every change):
    # a failure here fails the change, which rolls back whole.
    with transaction.atomic(savepoint=False):
        # One case (every change): read as the selector reads it; many: three queries.
        one = len(case_ids) == 1
        rows = [case_rows_get(case_id=case_ids[0])] if one else _rows_many(case_ids)
        _store(_documents(rows, renderer_version()))
    return len(rows)


def status_document_on_case_changed(
    sender: Any, *, case_id: int, written: CaseWritten | None = None, **kwargs: Any
) -> None:
    """Inside the change's transaction: the case's documents are rendered again (three reads
    and one write; for a case just received, from the rows its service wrote: one write). An
    error here rolls the change back, as the clock's does."""
    if written is not None:
        with transaction.atomic(savepoint=False):
            _store(_documents([case_rows_of(written)], renderer_version()))
    else:
        status_documents_write(case_ids=[case_id])


def _rows_many(case_ids: Sequence[int]) -> list[CaseRows]:
    """The rows of many cases in three queries, exactly as case_rows_get reads them one by one."""
    cases = list(Case.objects.only(*CASE_FIELDS).filter(pk__in=case_ids).order_by("pk"))
    steps: dict[int, list[tuple[Any, ...]]] = {c.pk: [] for c in cases}
    events: dict[int, list[tuple[Any, ...]]] = {c.pk: [] for c in cases}
    for case_id, *row in (
        CaseStep.objects.filter(case_id__in=steps)
        .order_by("case_id", "position")
        .values_list("case_id", *STEP_FIELDS)
    ):
        steps[case_id].append(tuple(row))
    for case_id, *row in (
        CaseEvent.objects.filter(case_id__in=events)
        .order_by("case_id", "sequence")
        .values_list("case_id", *EVENT_FIELDS)
    ):
        events[case_id].append(tuple(row))
    return [CaseRows(case=c, steps=steps[c.pk], events=events[c.pk]) for c in cases]


def status_documents_rebuild(
    *,
    case_ids: Sequence[int] | None = None,
    batch_size: int = REBUILD_BATCH,
    stale_only: bool = False,
    echo: Any = None,
) -> int:
    """Render and store the documents of every case (or of `case_ids`), in batches, each its
    own transaction; documents of deleted cases go with them (cascade). With `stale_only`,
    only the cases lacking a document of this renderer version in some language (one query
    more per batch). Returns how many cases were rendered. For data written around
    guichet.cases.services (the demo seeder, bulk loads) and after a change of renderer
    version (a deploy that changed sentences, a catalogue change)."""
    rendered = 0
    seen = 0
    last = 0
    version = renderer_version()
    while True:
        if case_ids is None:
            batch = list(
                Case.objects.filter(pk__gt=last)
                .order_by("pk")
                .values_list("pk", flat=True)[:batch_size]
            )
        else:
            batch = list(case_ids[seen : seen + batch_size])
        if not batch:
            return rendered
        seen += len(batch)
        last = batch[-1]
        if stale_only:
            current = Counter(
                StatusDocument.objects.filter(case_id__in=batch, version=version).values_list(
                    "case_id", flat=True
                )
            )
            batch = [pk for pk in batch if current[pk] < len(LANGUAGES)]
        if batch:
            with transaction.atomic():
                rows = _rows_many(batch)
                _store(_documents(rows, version))
            rendered += len(rows)
        if echo is not None:
            echo(rendered)
