"""Refuses an oversized request body from its Content-Length, before a byte of it is read.

Django reads a multipart body whole (to memory or a temporary file) before a form can say
the photo is too large, so a 50 MB body cost 50 MB of reading. This middleware answers 413
at once: a multipart body may be at most REQUEST_UPLOAD_MAX_BYTES (the photo limit with
room for the form's other fields), any other body at most DATA_UPLOAD_MAX_MEMORY_SIZE. The
answer is bilingual: JSON naming the field `body` under /api/, a short page elsewhere.

A body within those limits can still be refused by Django while it is parsed: a multipart
form's fields (not its files) beyond DATA_UPLOAD_MAX_MEMORY_SIZE, or more than
DATA_UPLOAD_MAX_NUMBER_FIELDS fields or DATA_UPLOAD_MAX_NUMBER_FILES files. Django makes
those a bare English 400; `bad_request` (the project's handler400) makes them the same
bilingual 413.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig, TooManyFieldsSent, TooManyFilesSent
from django.http import HttpRequest, HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _
from django.views import defaults

from guichet.core.errors import GuichetError, InvalidInput


class BodyTooLarge(GuichetError):
    code = "too_large"


def body_limit(request: HttpRequest) -> int:
    """The most bytes this request's body may have."""
    content_type = request.META.get("CONTENT_TYPE", "").split(";")[0].strip().lower()
    if content_type == "multipart/form-data":
        limit: int = settings.REQUEST_UPLOAD_MAX_BYTES
        return limit
    data_limit: int = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
    return data_limit


def _answer(request: HttpRequest, error: GuichetError, status: int) -> HttpResponse:
    if request.path.startswith("/api/"):
        return HttpResponse(
            json.dumps(error.as_dict(), ensure_ascii=False),
            status=status,
            content_type="application/json; charset=utf-8",
        )
    page = (
        '<!doctype html><html lang="en"><head><meta charset="utf-8">'
        f"<title>{escape(error.text('en'))}</title></head><body><main>"
        f"<h1>{escape(error.text('en'))}</h1>"
        f'<p lang="fr">{escape(error.text("fr"))}</p>'
        "</main></body></html>"
    )
    return HttpResponse(page, status=status, content_type="text/html; charset=utf-8")


class RequestSizeMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        declared = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(declared)
            if length < 0:
                raise ValueError
        except ValueError:
            invalid = InvalidInput(_("The request's Content-Length is not a number."), field="body")
            return _answer(request, invalid, 400)
        limit = body_limit(request)
        if length > limit:
            too_large = BodyTooLarge(
                _("The request is too large: at most %(kilobytes)s KB may be sent."),
                field="body",
                kilobytes=limit // 1024,
            )
            return _answer(request, too_large, 413)
        return self.get_response(request)


def bad_request(request: HttpRequest, exception: Exception) -> HttpResponse:
    """handler400: a body Django found too large while parsing it is a bilingual 413, as
    the middleware's; any other bad request is Django's 400."""
    if isinstance(exception, RequestDataTooBig):
        error = BodyTooLarge(
            _("The request is too large: at most %(kilobytes)s KB of form fields may be sent."),
            field="body",
            kilobytes=settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024,
        )
        return _answer(request, error, 413)
    if isinstance(exception, TooManyFieldsSent | TooManyFilesSent):
        error = BodyTooLarge(
            _("The request is too large: it has more fields or files than a form may send."),
            field="body",
        )
        return _answer(request, error, 413)
    return defaults.bad_request(request, exception)
