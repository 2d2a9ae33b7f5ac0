"""What the contact centre learns from other modules' events."""

from typing import Any

from django.dispatch import receiver

from guichet.contact.services.interactions import status_lookup_count
from guichet.status.signals import status_shown


@receiver(status_shown, dispatch_uid="contact.count_status_shown")
def count_status_shown(*, channel: str, **_: Any) -> None:
    """Digital take-up: one self-service look-up more on this channel (a count, no person)."""
    status_lookup_count(channel=channel)
