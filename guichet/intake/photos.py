"""The applicant's photo: checked from its content (never its name or declared type) and
re-encoded by Pillow, so only pixels survive: no metadata, no trailing bytes, no script.
"""

from __future__ import annotations

import io
import uuid
import warnings

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageOps, UnidentifiedImageError

from guichet.core.errors import InvalidInput

SIGNATURES = {b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG"}
PHOTO_DIR = "intake/photos"


def _sniff(head: bytes) -> str | None:
    return next((kind for magic, kind in SIGNATURES.items() if head.startswith(magic)), None)


def photo_clean(upload: UploadedFile, *, field: str = "photo") -> bytes:
    """The photo as a fresh JPEG, or an InvalidInput naming `field`."""
    max_bytes: int = settings.INTAKE_PHOTO_MAX_BYTES
    if upload.size is None or upload.size > max_bytes:
        raise InvalidInput(
            _("The photo is too large: it must be at most %(megabytes)s MB."),
            field=field,
            megabytes=max_bytes // (1024 * 1024),
        )
    head = upload.read(16)
    upload.seek(0)
    kind = _sniff(head)
    if kind is None:
        raise InvalidInput(
            _("The photo must be a JPEG or PNG image, whatever the file is called."), field=field
        )
    unreadable = InvalidInput(
        _("The photo could not be read as a %(kind)s image."), field=field, kind=kind
    )
    min_width, min_height = settings.INTAKE_PHOTO_MIN_SIZE
    max_width, max_height = settings.INTAKE_PHOTO_MAX_SIZE
    max_pixels: int = settings.INTAKE_PHOTO_MAX_PIXELS
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Opening reads the header only: the size is known before a pixel is decoded, so
            # a small file that would decode to hundreds of megabytes is refused for nothing.
            with Image.open(upload, formats=[kind]) as probe:
                width, height = probe.size
                if width > max_width or height > max_height or width * height > max_pixels:
                    raise InvalidInput(
                        _(
                            "The photo has too many pixels: at most %(width)s × %(height)s "
                            "(%(megapixels)s megapixels)."
                        ),
                        field=field,
                        width=max_width,
                        height=max_height,
                        megapixels=max_pixels // 1_000_000,
                    )
                probe.verify()  # structure and checksums, before any decoding
            upload.seek(0)
            with Image.open(upload, formats=[kind]) as image:
                image.load()
                upright = ImageOps.exif_transpose(image) or image
                rgb = upright.convert("RGB")
    except InvalidInput:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        raise unreadable from None
    if rgb.width < min_width or rgb.height < min_height:
        raise InvalidInput(
            _("The photo is too small: at least %(width)s × %(height)s pixels."),
            field=field,
            width=min_width,
            height=min_height,
        )
    # Only the pixels go on: a new image has no `info`, so no comment (Pillow writes
    # `info["comment"]` back into a JPEG, and a PNG text chunk named "comment" lands there
    # too), EXIF, XMP, ICC profile or text chunk can reach the saved file.
    pixels = Image.frombytes("RGB", rgb.size, rgb.tobytes())
    out = io.BytesIO()
    pixels.save(out, format="JPEG", quality=90, optimize=True)
    return out.getvalue()


def photo_store(data: bytes) -> str:
    """Save a cleaned photo in the configured storage (STORAGES["default"]: the disk under
    MEDIA_ROOT, or a bucket) with a random name; return its storage name."""
    return default_storage.save(f"{PHOTO_DIR}/{uuid.uuid4().hex}.jpg", ContentFile(data))
