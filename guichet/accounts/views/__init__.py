"""Client pages. Thin: forms in, services and selectors do the work."""

from django.http import HttpResponse
from django.utils.translation import get_language

LANGUAGES = ("en", "fr")


def page_language() -> str:
    language = (get_language() or "en")[:2]
    return language if language in LANGUAGES else "en"


def throttled(response: HttpResponse, retry_after: int | None) -> HttpResponse:
    """Make a page answering a throttled attempt a 429 with Retry-After (else leave it)."""
    if retry_after is not None:
        response.status_code = 429
        response["Retry-After"] = str(retry_after)
    return response
