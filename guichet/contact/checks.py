"""System checks: a phone line open to the Internet must check who is calling its webhooks."""

from typing import Any

from django.conf import settings
from django.core.checks import Warning, register


@register(deploy=True)
def twilio_signature_check(app_configs: Any, **kwargs: Any) -> list[Warning]:
    if settings.DEBUG or settings.TWILIO_AUTH_TOKEN:
        return []
    return [
        Warning(
            "TWILIO_AUTH_TOKEN is not set: the phone line's webhooks (/ivr/…) accept requests "
            "without checking X-Twilio-Signature.",
            hint="Set TWILIO_AUTH_TOKEN to the auth token of the Twilio account.",
            id="contact.W001",
        )
    ]
