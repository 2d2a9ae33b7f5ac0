"""Checking that a webhook request really comes from Twilio (X-Twilio-Signature)."""

import logging

from django.conf import settings
from django.http import HttpRequest
from twilio.request_validator import RequestValidator

logger = logging.getLogger("guichet.contact.ivr")


def webhook_url(request: HttpRequest) -> str:
    """The address Twilio signed: the public base URL when set (behind a proxy), else the
    request's own, with the path and query string."""
    base = (settings.TWILIO_WEBHOOK_BASE_URL or "").rstrip("/")
    if not base:
        base = f"{request.scheme}://{request.get_host()}"
    return base + request.get_full_path()


def signature_valid(request: HttpRequest) -> bool:
    """True when no auth token is configured (development), or when the signature matches."""
    token = settings.TWILIO_AUTH_TOKEN
    if not token:
        return True
    signature = request.headers.get("X-Twilio-Signature", "")
    if not signature:
        return False
    return bool(
        RequestValidator(token).validate(webhook_url(request), request.POST.dict(), signature)
    )
