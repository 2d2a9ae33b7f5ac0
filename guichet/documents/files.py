"""A file a client sends: checked from its content, scanned, then kept as it is safe to keep.

The order matters: the size from the upload (nothing read), the type from the first bytes
(never the name or the declared type), the antivirus on the bytes as they came, then the
format's own checks. A JPEG or PNG is re-encoded to a fresh JPEG of its pixels
(guichet.core.uploads, shared with the PR-card photo), so no metadata, trailing bytes or
script survive; a PDF is kept once pypdf has found no script, launch action or embedded file in
it, rewritten without its metadata (author, software, dates, XMP). Every refusal is an
InvalidInput naming the field, in both languages.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _

from guichet.core.errors import InvalidInput
from guichet.core.uploads import (
    TooManyPixels,
    Unreadable,
    image_decode,
    image_kind,
    pixels_only_jpeg,
)
from guichet.documents.models import FileKind
from guichet.documents.pdf import (
    PDF_MAGIC,
    PdfActive,
    PdfTooLong,
    PdfUnreadable,
    pdf_check,
    pdf_without_metadata,
)
from guichet.documents.scanners import scanner_get

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class CleanFile:
    data: bytes
    kind: str  # FileKind
    sha256: str


def document_clean(upload: UploadedFile | None, *, field: str = "file") -> CleanFile:
    """The file as Guichet keeps it, or an InvalidInput naming `field`."""
    if upload is None:
        raise InvalidInput(_("Choose a file to send."), field=field)
    max_bytes: int = settings.DOCUMENTS_MAX_BYTES
    if upload.size is None or upload.size > max_bytes:
        raise InvalidInput(
            _("The file is too large: it must be at most %(megabytes)s MB."),
            field=field,
            megabytes=max_bytes // (1024 * 1024),
        )
    if upload.size == 0:
        raise InvalidInput(_("The file is empty."), field=field)
    upload.seek(0)
    data = upload.read(max_bytes + 1)
    if len(data) > max_bytes:  # a size that lied
        raise InvalidInput(
            _("The file is too large: it must be at most %(megabytes)s MB."),
            field=field,
            megabytes=max_bytes // (1024 * 1024),
        )
    image = image_kind(data[:16])
    if image is None and not data.startswith(PDF_MAGIC):
        raise InvalidInput(
            _("The file must be a PDF, JPEG or PNG file, whatever it is called."), field=field
        )
    result = scanner_get().scan(data)
    if not result.clean:
        logger.warning("document refused by the antivirus: %s", result.finding)
        raise InvalidInput(
            _("Our antivirus refused this file. Send another copy of the document."), field=field
        )
    if image is None:
        _pdf_check(data, field=field)
        kept, kind = pdf_without_metadata(data), FileKind.PDF
    else:
        kept, kind = _image_clean(upload, image, field=field), FileKind.JPEG
    return CleanFile(data=kept, kind=kind, sha256=hashlib.sha256(kept).hexdigest())


def _pdf_check(data: bytes, *, field: str) -> None:
    max_pages: int = settings.DOCUMENTS_MAX_PDF_PAGES
    try:
        pdf_check(data, max_pages=max_pages)
    except PdfActive:
        raise InvalidInput(
            _(
                "This PDF contains a script, an attached file or an action, which we do not "
                "accept. Save or print it again as a plain PDF and send it again."
            ),
            field=field,
        ) from None
    except PdfTooLong:
        raise InvalidInput(
            _("This PDF is too long: at most %(pages)s pages. Send it in parts."),
            field=field,
            pages=max_pages,
        ) from None
    except PdfUnreadable:
        raise InvalidInput(
            _("This PDF could not be read. It may be damaged or protected by a password."),
            field=field,
        ) from None


def _image_clean(upload: UploadedFile, kind: str, *, field: str) -> bytes:
    max_width, max_height = settings.DOCUMENTS_MAX_SIZE
    max_pixels: int = settings.DOCUMENTS_MAX_PIXELS
    upload.seek(0)
    try:
        rgb = image_decode(
            upload, kind=kind, max_width=max_width, max_height=max_height, max_pixels=max_pixels
        )
    except TooManyPixels:
        raise InvalidInput(
            _("The image has too many pixels: at most %(megapixels)s megapixels."),
            field=field,
            megapixels=max_pixels // 1_000_000,
        ) from None
    except Unreadable:
        raise InvalidInput(
            _("The file could not be read as a %(kind)s image."), field=field, kind=kind
        ) from None
    return pixels_only_jpeg(rgb)
