"""Static files: collected into var/static and served by whitenoise."""

from pathlib import Path

BASE_DIR = Path(__file__).resolve().parents[3]

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
# Front-end packages from npm, copied here by `make assets` (never from a CDN).
STATICFILES_DIRS = [BASE_DIR / "build" / "static"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
