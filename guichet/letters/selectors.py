"""Reads of letters, for the client's case page, the officer's and the update message."""

from __future__ import annotations

from django.core.files import File
from django.core.files.storage import default_storage

from guichet.letters.models import Letter


def letters_for_case(*, case_id: int) -> list[Letter]:
    """Every letter of the case, newest first (one query)."""
    return list(Letter.objects.filter(case_id=case_id).order_by("-issued_at", "-id"))


def letter_get(*, case_id: int, letter_id: int) -> Letter | None:
    """One letter of the case, or None (a letter of another case is not found)."""
    return Letter.objects.filter(pk=letter_id, case_id=case_id).first()


def letter_issued_between(*, case_id: int, first_sequence: int, last_sequence: int) -> bool:
    """Whether one of these events of the case came with a letter."""
    return Letter.objects.filter(
        case_id=case_id, event_sequence__gte=first_sequence, event_sequence__lte=last_sequence
    ).exists()


def letter_open(letter: Letter) -> File:
    """The rendered PDF from storage."""
    return default_storage.open(letter.storage_name, "rb")
