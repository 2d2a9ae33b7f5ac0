"""A PDF is accepted only if pypdf reads it, it is not encrypted, and no object in it holds a
script, a launch action or an embedded file: a PDF reader would run or open those. What is kept
is rewritten without its metadata (author, software, dates, XMP), which can name a person.

pypdf decodes names (`/J#61vaScript` is `/JavaScript`) and opens compressed object streams, so
a script cannot hide from the check by spelling or compression.
"""

from __future__ import annotations

import io
from typing import Any

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PdfReadError
from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

PDF_MAGIC = b"%PDF-"
# Dictionary keys and action types that make a PDF do something when opened or clicked.
ACTIVE_KEYS = frozenset({"/JS", "/JavaScript", "/EmbeddedFile", "/EmbeddedFiles", "/RichMedia"})
ACTIVE_ACTIONS = frozenset(
    {"/JavaScript", "/Launch", "/ImportData", "/SubmitForm", "/RichMediaExecute"}
)


class PdfUnreadable(Exception):
    pass


class PdfActive(Exception):
    pass


class PdfTooLong(Exception):
    pass


def _active(obj: Any) -> bool:
    if isinstance(obj, DictionaryObject):
        if any(key in ACTIVE_KEYS for key in obj):
            return True
        return str(obj.get("/S", "")) in ACTIVE_ACTIONS
    return False


def pdf_check(data: bytes, *, max_pages: int) -> int:
    """The number of pages; PdfUnreadable, PdfActive or PdfTooLong when it is refused."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=True)
        if reader.is_encrypted:
            raise PdfUnreadable
        pages = len(reader.pages)
        if pages == 0:
            raise PdfUnreadable
        if pages > max_pages:
            raise PdfTooLong
        # Every indirect object, those inside object streams included, and what they hold.
        for generation, numbers in reader.xref.items():
            for number in numbers:
                if _walk(reader.get_object(IndirectObject(number, generation, reader))):
                    raise PdfActive
        for number in reader.xref_objStm:
            if _walk(reader.get_object(IndirectObject(number, 0, reader))):
                raise PdfActive
        if _walk(reader.trailer):
            raise PdfActive
    except (PdfActive, PdfTooLong, PdfUnreadable):
        raise
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, OSError, RecursionError):
        raise PdfUnreadable from None
    return pages


def _walk(obj: Any, depth: int = 0) -> bool:
    """Whether `obj` or a direct object nested in it is active (indirect ones are checked on
    their own, so a reference is not followed and a cycle cannot loop)."""
    if depth > 50:
        raise PdfUnreadable
    if isinstance(obj, IndirectObject):
        return False
    if hasattr(obj, "get_object") and not isinstance(obj, (DictionaryObject, ArrayObject)):
        obj = obj.get_object()
    if _active(obj):
        return True
    if isinstance(obj, DictionaryObject):
        return any(_walk(value, depth + 1) for value in obj.values())
    if isinstance(obj, ArrayObject):
        return any(_walk(value, depth + 1) for value in obj)
    return False


# Where a PDF carries metadata about itself or its pages (the document information dictionary
# is dropped with `metadata = None`).
METADATA_KEYS = ("/Metadata", "/PieceInfo")


def pdf_without_metadata(data: bytes) -> bytes:
    """The PDF rewritten from its pages, without document information, XMP or page metadata.

    Only objects reachable from the pages are written, so what an earlier incremental save
    left behind (an old title, a previous author) goes too. Call it on a PDF pdf_check passed.
    """
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(data)))
    writer.metadata = None
    for key in METADATA_KEYS:
        writer._root_object.pop(key, None)
    for page in writer.pages:
        for key in METADATA_KEYS:
            page.pop(key, None)
    writer.compress_identical_objects(remove_duplicates=False, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
