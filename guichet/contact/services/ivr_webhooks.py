"""Remembering the signed phone-line webhooks already answered (replays are refused)."""

import hashlib

from django.db import IntegrityError, transaction

from guichet.contact.models import IvrRequestSeen
from guichet.core import clock


def ivr_request_first_seen(*, signature: str) -> bool:
    """Remember this signed request; False when it was already seen (a replay). Digests are
    kept until the retention purge deletes them (RETENTION_IVR_REPLAY_GUARD_HOURS,
    contact.services.retention): nothing is deleted on the calls' path."""
    now = clock.now()
    digest = hashlib.sha256(signature.encode()).hexdigest()
    try:
        with transaction.atomic():
            IvrRequestSeen.objects.create(digest=digest, seen_at=now)
    except IntegrityError:
        return False
    return True
