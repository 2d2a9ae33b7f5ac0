"""Intake: where uploads go and the limits on them.

Uploaded photos are personal data: they are written under MEDIA_ROOT and never served by URL
(no route serves MEDIA_URL); staff see them through the back office only.
"""

from pathlib import Path

from guichet.config.env import env_int, env_str

BASE_DIR = Path(__file__).resolve().parents[3]

MEDIA_ROOT = Path(env_str("MEDIA_ROOT", str(BASE_DIR / "var" / "media")))
MEDIA_URL = "/media/"

# Photo for a permanent-resident card: JPEG or PNG, at most 4 MB, at least 420 × 540 pixels.
INTAKE_PHOTO_MAX_BYTES = env_int("INTAKE_PHOTO_MAX_BYTES", 4 * 1024 * 1024)
INTAKE_PHOTO_MIN_SIZE = (420, 540)
INTAKE_PHOTO_MAX_SIZE = (6000, 6000)
# Checked from the header before decoding: 13 megapixels holds a 12-megapixel phone photo
# (4032 × 3024) and decodes in a fraction of a second; 36 megapixels cost 1.9 s and 500 MB.
INTAKE_PHOTO_MAX_PIXELS = env_int("INTAKE_PHOTO_MAX_PIXELS", 13_000_000)
