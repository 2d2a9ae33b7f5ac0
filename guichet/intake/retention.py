"""Retention of uploads: a PR-card photo uploaded but never submitted is deleted.

The applicant's session holds the name of the photo they uploaded until they submit; past
RETENTION_PHOTO_UNSUBMITTED_HOURS a photo that no application refers to is taken to be
abandoned and deleted from storage. Submitted photos are kept with their application.
This deletes files, not rows: there is no ORM write here.
"""

import datetime as dt

from django.conf import settings
from django.core.files.storage import default_storage

from guichet.intake.models import OnlineApplication
from guichet.intake.photos import PHOTO_DIR

CHUNK = 500


def _photo_names() -> list[str]:
    try:
        _dirs, files = default_storage.listdir(PHOTO_DIR)
    except FileNotFoundError:
        return []
    return sorted(f"{PHOTO_DIR}/{name}" for name in files)


def photos_purge(*, now: dt.datetime) -> dict[str, int]:
    """Delete photos older than the retention period that no application refers to."""
    cutoff = now - dt.timedelta(hours=settings.RETENTION_PHOTO_UNSUBMITTED_HOURS)
    names = _photo_names()
    deleted = 0
    for start in range(0, len(names), CHUNK):
        chunk = names[start : start + CHUNK]
        submitted = set(
            OnlineApplication.objects.filter(photo__in=chunk).values_list("photo", flat=True)
        )
        for name in chunk:
            if name in submitted:
                continue
            try:
                modified = default_storage.get_modified_time(name)
            except FileNotFoundError:  # deleted meanwhile (the applicant replaced it)
                continue
            if modified < cutoff:
                default_storage.delete(name)
                deleted += 1
    return {"abandoned_photos": deleted}
