"""Remembering the signed phone-line webhooks already answered (replays are refused)."""

import datetime as dt
import hashlib

from django.conf import settings
from django.db import IntegrityError, transaction

from guichet.contact.models import IvrRequestSeen
from guichet.core import clock


def ivr_request_first_seen(*, signature: str) -> bool:
    """Remember this signed request; False when it was already seen within the window (a
    replay). Forgets requests older than the window on the way."""
    now = clock.now()
    window = dt.timedelta(seconds=settings.CONTACT_IVR_REPLAY_WINDOW_SECONDS)
    digest = hashlib.sha256(signature.encode()).hexdigest()
    IvrRequestSeen.objects.filter(seen_at__lt=now - window).delete()
    try:
        with transaction.atomic():
            IvrRequestSeen.objects.create(digest=digest, seen_at=now)
    except IntegrityError:
        return False
    return True
