"""Writes of letters: issue one with the event it is about, render it once, fill the gaps.

A letter is issued inside the transaction of its event (two statements: the row and the render
task), so intake pays nothing for the PDF. The render reads the event, which never changes, and
stores the PDF once: what the client downloads later is what was sent.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import uuid

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case, CaseEvent, EventKind
from guichet.catalogue.models import StepState
from guichet.core import clock
from guichet.core.errors import NotFound
from guichet.letters.content import letter_text
from guichet.letters.models import Letter, LetterKind
from guichet.letters.render import letter_pdf

LETTER_DIR = "letters"


def letter_kind_for(*, kind: str, new_state: str = "", client_note: str = "") -> str | None:
    """Which letter an event calls for, if any: the receipt, a step waiting on the client with
    what the officer asked for, the decision."""
    if kind == EventKind.RECEIVED:
        return LetterKind.ACKNOWLEDGEMENT
    if kind == EventKind.DECIDED:
        return LetterKind.DECISION
    if kind == EventKind.STEP and new_state == StepState.ACTION_REQUIRED and client_note.strip():
        return LetterKind.DOCUMENTS_REQUEST
    return None


def letter_issue(
    *, case_id: int, kind: str, event_sequence: int, issued_at: dt.datetime | None = None
) -> Letter:
    """Issue a letter about one event of the case; must run in the event's transaction (or
    with the case locked). The PDF is rendered by a task once this commits."""
    from guichet.letters.tasks import letter_render_task

    letter = Letter.objects.create(
        case_id=case_id,
        kind=kind,
        event_sequence=event_sequence,
        issued_at=issued_at or clock.now(),
    )
    letter_render_task.enqueue(letter_id=letter.pk)  # the database backend: same transaction
    return letter


def letter_render(*, letter_id: int) -> Letter:
    """Render and store the letter's PDF, in the client's language; a rendered letter is left
    as it is. The file is written before the row; if the row cannot be, the file goes."""
    letter = Letter.objects.filter(pk=letter_id).first()
    if letter is None:
        raise NotFound(_("This letter does not exist."), field="letter")
    if letter.rendered:
        return letter
    case = Case.objects.select_related("client").get(pk=letter.case_id)
    event = CaseEvent.objects.get(case_id=letter.case_id, sequence=letter.event_sequence)
    language = case.client.preferred_language
    pdf = letter_pdf(letter_text(letter=letter, case=case, event=event, language=language))
    name = default_storage.save(f"{LETTER_DIR}/{uuid.uuid4().hex}.pdf", ContentFile(pdf))
    try:
        return _rendered_record(
            letter_id=letter_id,
            storage_name=name,
            language=language,
            sha256=hashlib.sha256(pdf).hexdigest(),
            size=len(pdf),
        )
    except BaseException:
        default_storage.delete(name)
        raise


@transaction.atomic
def _rendered_record(
    *, letter_id: int, storage_name: str, language: str, sha256: str, size: int
) -> Letter:
    letter = Letter.objects.select_for_update().get(pk=letter_id)
    if letter.rendered:  # another worker rendered it meanwhile: keep theirs, drop ours
        default_storage.delete(storage_name)
        return letter
    letter.storage_name = storage_name
    letter.language = language
    letter.sha256 = sha256
    letter.size = size
    letter.rendered_at = clock.now()
    letter.save(update_fields=["storage_name", "language", "sha256", "size", "rendered_at"])
    return letter


@transaction.atomic
def letters_backfill(*, case_id: int) -> list[Letter]:
    """Issue the letters a case's past events call for and do not have yet (cases loaded in
    bulk, or received before letters existed); dated at their event. Returns those issued."""
    Case.objects.select_for_update().filter(pk=case_id).first()  # one writer per case
    have = set(Letter.objects.filter(case_id=case_id).values_list("kind", "event_sequence"))
    issued = []
    events = CaseEvent.objects.filter(case_id=case_id).order_by("sequence")
    for event in events.only("sequence", "at", "kind", "new_state", "client_note"):
        kind = letter_kind_for(
            kind=event.kind, new_state=event.new_state, client_note=event.client_note
        )
        if kind is not None and (kind, event.sequence) not in have:
            issued.append(
                letter_issue(
                    case_id=case_id, kind=kind, event_sequence=event.sequence, issued_at=event.at
                )
            )
    return issued
