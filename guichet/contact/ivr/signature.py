"""Checking that a webhook request really comes from Twilio (X-Twilio-Signature), once.

Fails closed: without TWILIO_AUTH_TOKEN every request is refused, unless the settings module
sets CONTACT_IVR_ALLOW_UNSIGNED (development and tests; production cannot, and its start-up
stops on the system check contact.E001). A signed request is answered once: the same
signature seen again while its digest is kept (RETENTION_IVR_REPLAY_GUARD_HOURS, then the
retention purge deletes it) is a replay and refused. Every
action URL the line gives Twilio carries a one-time `t` parameter (contact.ivr.flow), so two
genuine requests with the same keys (9 pressed twice) still have different signatures.
"""

import logging

from django.conf import settings
from django.http import HttpRequest
from twilio.request_validator import RequestValidator

from guichet.contact.services.ivr_webhooks import ivr_request_first_seen

logger = logging.getLogger("guichet.contact.ivr")


def webhook_url(request: HttpRequest) -> str:
    """The address Twilio signed: the public base URL when set (behind a proxy), else the
    request's own, with the path and query string."""
    base = (settings.TWILIO_WEBHOOK_BASE_URL or "").rstrip("/")
    if not base:
        base = f"{request.scheme}://{request.get_host()}"
    return base + request.get_full_path()


def signature_valid(request: HttpRequest) -> bool:
    """True when the signature matches; without a token, True only where unsigned requests are
    allowed (development, tests)."""
    token = settings.TWILIO_AUTH_TOKEN
    if not token:
        return bool(settings.CONTACT_IVR_ALLOW_UNSIGNED)
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature:
        return False
    return bool(
        RequestValidator(token).validate(webhook_url(request), request.POST.dict(), signature)
    )


def request_replayed(request: HttpRequest) -> bool:
    """True when this signed request was already answered (call after signature_valid).

    The voice URL and the status callback are configured on the number (no one-time
    parameter) and Twilio may retry them: their views accept a repeat, and neither reads
    anything about a case on a repeat."""
    signature = request.headers.get("X-Twilio-Signature", "")
    if not settings.TWILIO_AUTH_TOKEN or not signature:
        return False
    return not ivr_request_first_seen(signature=signature)
