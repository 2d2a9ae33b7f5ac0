"""Refuses an oversized request body from its Content-Length, before a byte of it is read.

Django reads a multipart body whole (to memory or a temporary file) before a form can say
the photo is too large, so a 50 MB body cost 50 MB of reading. This middleware answers 413
at once: a multipart body may be at most REQUEST_UPLOAD_MAX_BYTES (the photo limit with
room for the form's other fields), any other body at most DATA_UPLOAD_MAX_MEMORY_SIZE. The
answer is bilingual: JSON naming the field `body` under /api/, a short page elsewhere.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.html import escape
from django.utils.translation import gettext_lazy as _

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
