"""Tests: fast password hashing, a file SQLite database, the test-only secret."""

import os

os.environ.setdefault("SECRET_KEY", "test-only-not-secret")

from guichet.config.django.base import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_AUTOREFRESH = True
# Every self-service look-up reaches the take-up count at once, so tests can read it.
CONTACT_LOOKUP_COUNT_BATCH = 1
# The phone line answers unsigned webhooks when no Twilio token is set (tests set one to sign).
CONTACT_IVR_ALLOW_UNSIGNED = True

# A file, not memory, so that two connections (concurrency tests) and worker subprocesses
# (reliability tests) see the same test database.
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":  # noqa: F405
    # One file per run, so that two people (or two suites) testing at once do not collide.
    DATABASES["default"]["TEST"] = {  # noqa: F405
        "NAME": str(BASE_DIR / "var" / f"test-{os.getpid()}.sqlite3")  # noqa: F405
    }

# The catalogue cache re-checks its revision on a miss only, so query counts stay exact.
CATALOGUE_CHECK_SECONDS = 0
