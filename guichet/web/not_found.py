"""The project's bilingual 404 page in development too (`make demo`), instead of Django's
technical 404, which lists every URL pattern to whoever guesses an address.

Development keeps DEBUG for its tracebacks on errors; only "not found" is served as in
production, through Django's own `page_not_found` and the `404.html` template. Listed last in
the development settings' MIDDLEWARE, so that CommonMiddleware (APPEND_SLASH) and
LocaleMiddleware still see the 404 and redirect as usual.
"""

from collections.abc import Callable

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse
from django.views.defaults import page_not_found


class NotFoundPageMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        # No view matched (the resolver's 404, turned into the technical page under DEBUG).
        if (
            settings.DEBUG
            and response.status_code == 404
            and getattr(request, "resolver_match", None) is None
        ):
            return page_not_found(request, Http404())
        return response

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        """A view found nothing (raised Http404)."""
        if settings.DEBUG and isinstance(exception, Http404):
            return page_not_found(request, exception)
        return None
