"""System checks: a phone line open to the Internet must check who is calling its webhooks.

An error, not a warning, and not only under ``check --deploy``: Django runs these checks when
any server starts, so a production process without TWILIO_AUTH_TOKEN refuses to start rather
than serve the menu to unsigned requests.
"""

from typing import Any

from django.conf import settings
from django.core.checks import Error, register


@register()
def twilio_signature_check(app_configs: Any, **kwargs: Any) -> list[Error]:
    if settings.TWILIO_AUTH_TOKEN or settings.CONTACT_IVR_ALLOW_UNSIGNED:
        return []
    return [
        Error(
            "TWILIO_AUTH_TOKEN is not set: the phone line's webhooks (/ivr/…) cannot check "
            "X-Twilio-Signature, so they would refuse every call.",
            hint="Set TWILIO_AUTH_TOKEN to the auth token of the Twilio account.",
            id="contact.E001",
        )
    ]
