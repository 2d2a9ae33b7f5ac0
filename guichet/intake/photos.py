"""The applicant's photo: checked from its content (never its name or declared type) and
re-encoded by Pillow, so only pixels survive: no metadata, no trailing bytes, no script.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
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

PHOTO_DIR = "intake/photos"


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
    kind = image_kind(head)
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
        rgb = image_decode(
            upload, kind=kind, max_width=max_width, max_height=max_height, max_pixels=max_pixels
        )
    except TooManyPixels:
        raise InvalidInput(
            _(
                "The photo has too many pixels: at most %(width)s × %(height)s "
                "(%(megapixels)s megapixels)."
            ),
            field=field,
            width=max_width,
            height=max_height,
            megapixels=max_pixels // 1_000_000,
        ) from None
    except Unreadable:
        raise unreadable from None
    if rgb.width < min_width or rgb.height < min_height:
        raise InvalidInput(
            _("The photo is too small: at least %(width)s × %(height)s pixels."),
            field=field,
            width=min_width,
            height=min_height,
        )
    return pixels_only_jpeg(rgb)


def photo_store(data: bytes) -> str:
    """Save a cleaned photo in the configured storage (STORAGES["default"]: the disk under
    MEDIA_ROOT, or a bucket) with a random name; return its storage name."""
    return default_storage.save(f"{PHOTO_DIR}/{uuid.uuid4().hex}.jpg", ContentFile(data))
