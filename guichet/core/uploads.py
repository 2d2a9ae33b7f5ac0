"""Uploaded images, checked from their content and re-encoded so only pixels survive.

Shared by the PR-card photo (guichet.intake.photos) and the documents a client sends
(guichet.documents.files). The file's name and declared type are never believed: its first
bytes say what it is. The size in pixels is read from the header and refused before a pixel is
decoded, so a small file that would decode to hundreds of megabytes costs nothing. Each caller
words its own errors: these exceptions carry no text.
"""

from __future__ import annotations

import io
import warnings
from typing import IO

from PIL import Image, ImageOps, UnidentifiedImageError

IMAGE_SIGNATURES = {b"\xff\xd8\xff": "JPEG", b"\x89PNG\r\n\x1a\n": "PNG"}


class TooManyPixels(Exception):
    """The header gives a size over the limits."""


class Unreadable(Exception):
    """The file claims to be an image but does not decode as one."""


def image_kind(head: bytes) -> str | None:
    """JPEG or PNG from the file's first bytes, or None."""
    return next((kind for magic, kind in IMAGE_SIGNATURES.items() if head.startswith(magic)), None)


def image_decode(
    upload: IO[bytes], *, kind: str, max_width: int, max_height: int, max_pixels: int
) -> Image.Image:
    """The upright RGB image, or TooManyPixels / Unreadable."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            # Opening reads the header only: the size is known before a pixel is decoded.
            with Image.open(upload, formats=[kind]) as probe:
                width, height = probe.size
                if width > max_width or height > max_height or width * height > max_pixels:
                    raise TooManyPixels
                probe.verify()  # structure and checksums, before any decoding
            upload.seek(0)
            with Image.open(upload, formats=[kind]) as image:
                image.load()
                upright = ImageOps.exif_transpose(image) or image
                return upright.convert("RGB")
    except TooManyPixels:
        raise
    except (
        UnidentifiedImageError,
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombError,
        Image.DecompressionBombWarning,
    ):
        raise Unreadable from None


def pixels_only_jpeg(rgb: Image.Image) -> bytes:
    """A fresh JPEG of the pixels alone.

    A new image has no `info`, so no comment (Pillow writes `info["comment"]` back into a JPEG,
    and a PNG text chunk named "comment" lands there too), EXIF, XMP, ICC profile or text chunk
    can reach the saved file; nor can trailing bytes or a script appended to the original.
    """
    pixels = Image.frombytes("RGB", rgb.size, rgb.tobytes())
    out = io.BytesIO()
    pixels.save(out, format="JPEG", quality=90, optimize=True)
    return out.getvalue()
