"""Absolute addresses of Guichet pages, for the links in messages we send.

Built from GUICHET_PUBLIC_URL and the page's path in the recipient's language, so a French
message links to the French page. They carry ids and signed tokens, never personal data.
"""

from typing import Any

from django.conf import settings
from django.urls import reverse
from django.utils.translation import override


def public_url(name: str, *, language: str, **kwargs: Any) -> str:
    with override(language):
        path = reverse(name, kwargs=kwargs or None)
    return settings.GUICHET_PUBLIC_URL.rstrip("/") + path
