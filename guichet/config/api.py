"""The public API under /api/v1/ (OpenAPI at /api/v1/openapi.json). Apps add their routers here.

Every refusal is bilingual and names the field, as the endpoints' own errors do:
- a body that is not JSON, or nested deeper than guichet.core.jsonbody.MAX_DEPTH: 400,
  field `body` (Python's parser raised RecursionError on deep nesting: that was a 500);
- a body or parameter that does not fit its schema (django-ninja's validation): 422, the
  field named by its path (`status`, `applicant.family_name`, …).
"""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from ninja import NinjaAPI
from ninja.errors import HttpError, ValidationError
from ninja.parser import Parser

from guichet.core.errors import GuichetError, InvalidInput
from guichet.core.jsonbody import json_parse


class SafeJsonParser(Parser):
    """django-ninja's parser, refusing deep nesting with a bilingual error."""

    def parse_body(self, request: HttpRequest) -> Any:
        return json_parse(request.body)


api = NinjaAPI(
    title="Guichet API",
    version="1",
    description="Case status, intake and service standards of Guichet. Answers in English or "
    "French according to Accept-Language.",
    urls_namespace="api",
    parser=SafeJsonParser(),
)


def _field(location: Any) -> str:
    """`["body", "payload", "applicant", "family_name"]` → `applicant.family_name`."""
    parts = [str(part) for part in location]
    if parts and parts[0] in {"body", "query", "path", "header", "cookie", "form"}:
        parts = parts[1:]
    if len(parts) > 1 and parts[0] == "payload":
        parts = parts[1:]
    return ".".join(parts) or "body"


@api.exception_handler(ValidationError)
def _validation_error(request: HttpRequest, exc: ValidationError) -> HttpResponse:
    first = exc.errors[0] if exc.errors else {}
    field = _field(first.get("loc", ()))
    if first.get("type") == "missing":
        error = InvalidInput(_("This field is required."), field=field)
    else:
        error = InvalidInput(_("This field's value is not valid here."), field=field)
    return api.create_response(request, error.as_dict(), status=422)


@api.exception_handler(HttpError)
def _http_error(request: HttpRequest, exc: HttpError) -> HttpResponse:
    cause = exc.__cause__
    if isinstance(cause, GuichetError):  # from SafeJsonParser: the body could not be read
        return api.create_response(request, cause.as_dict(), status=exc.status_code)
    if exc.status_code == 400 and not isinstance(cause, GuichetError) and cause is not None:
        error = InvalidInput(_("The request body must be a JSON object."), field="body")
        return api.create_response(request, error.as_dict(), status=400)
    return api.create_response(request, {"detail": str(exc)}, status=exc.status_code)


# Imported here, after `api` exists, so that routers may import from this module.
from guichet.intake.api import router as intake_router  # noqa: E402

api.add_router("", intake_router)

from guichet.notifications.api import router as notifications_router  # noqa: E402

api.add_router("/notifications/", notifications_router)

from guichet.accounts.api import router as accounts_router  # noqa: E402

api.add_router("", accounts_router)

from guichet.standards.api import router as standards_router  # noqa: E402

api.add_router("", standards_router)

from guichet.feedback.api import router as feedback_router  # noqa: E402

api.add_router("/feedback/", feedback_router)
