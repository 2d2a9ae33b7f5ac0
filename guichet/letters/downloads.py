"""A letter as a download, for the client's pages and the officer's: the same bytes for both."""

from __future__ import annotations

from django.http import FileResponse
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import override

from guichet.core.downloads import private_file_response
from guichet.letters.models import Letter
from guichet.letters.selectors import letter_open
from guichet.letters.services import letter_render


def letter_file_name(letter: Letter) -> str:
    """e.g. accuse-de-reception-2026-12-04.pdf: what it is and when, nothing about the person."""
    with override(letter.language or None):
        label = slugify(letter.get_kind_display())
    return f"{label}-{timezone.localtime(letter.issued_at).date().isoformat()}.pdf"


def letter_response(letter: Letter) -> FileResponse:
    """The PDF, rendered now if the worker has not yet done it."""
    if not letter.rendered:
        letter = letter_render(letter_id=letter.pk)
    return private_file_response(
        letter_open(letter), filename=letter_file_name(letter), content_type="application/pdf"
    )
