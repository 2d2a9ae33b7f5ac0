"""`POST /api/v1/status-lookups`: the status of an application, for anyone who can prove it.

No account: the application number with the family name and date of birth, like the phone
line. The answer is rendered by the one status selector (guichet.status) and stored per case
and language in the same transaction as each change (the status read model, ADR 0019), so its
sentences are those of the status page, word for word, in the language of Accept-Language (en
or fr).
An unknown number and details that do not match get the same 404; failed proofs are throttled
(429 with Retry-After) per application number and per client address (accounts.throttle). The
body is read here, not by django-ninja's schema, so that every bad field answers 400 with a
bilingual message naming it (the schema documents it in the OpenAPI).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation.trans_real import parse_accept_lang_header
from ninja import Field, Router, Schema, Status

from guichet.accounts.errors import Throttled
from guichet.accounts.lookup import status_lookup_document
from guichet.accounts.network import client_ip
from guichet.core.errors import GuichetError, InvalidInput, NotFound
from guichet.core.jsonbody import json_object_parse, text_check

router = Router(tags=["status"])
LANGUAGES = ("en", "fr")
FIELDS = ("application_number", "family_name", "date_of_birth")
MAX_LENGTHS = {"application_number": 20, "family_name": 100, "date_of_birth": 10}


class LookupIn(Schema):
    application_number: str = Field(
        pattern=r"^[EP][0-9]{9}$",
        max_length=20,
        description="E (online) or P (paper) and 9 digits, the last a Luhn check digit.",
        examples=["P000000018"],
    )
    family_name: str = Field(min_length=1, max_length=100, examples=["Tremblay"])
    date_of_birth: dt.date


class ServiceOut(Schema):
    code: str
    name: str


class StepOut(Schema):
    code: str
    name: str
    state: Literal["not_started", "in_progress", "action_required", "completed", "not_applicable"]
    state_label: str
    message: str
    updated_on: dt.date
    is_current: bool


class HistoryOut(Schema):
    at: dt.datetime
    step: str | None  # the step's code; null for the receipt and the decision
    step_name: str | None
    state: str | None
    message: str
    note: str  # what the officer wrote for the client (documents to send…), or ""


class DecisionOut(Schema):
    outcome: Literal["approved", "refused", "withdrawn"]
    outcome_label: str
    decided_on: dt.date


class EstimateOut(Schema):
    most_by: dt.date = Field(
        description="Most applications like this one are decided by this date; a lower bound "
        "when open_ended."
    )
    likely_by: dt.date
    as_of: dt.date
    open_ended: bool = Field(
        default=False,
        description="True when too few applications like this one have waited as long for a "
        "reliable date: the decision will likely come after most_by, not by it.",
    )


class StatusOut(Schema):
    application_number: str
    language: Literal["en", "fr"]
    service: ServiceOut
    received_on: dt.date
    status: Literal["in_progress", "decided"]
    steps: list[StepOut]
    history: list[HistoryOut]
    decision: DecisionOut | None
    estimate: EstimateOut | None


class ErrorOut(Schema):
    code: str
    field: str | None
    message: dict[str, str]


def request_language(request: HttpRequest) -> str:
    """The first of en or fr in Accept-Language (en-CA and fr-CA count), else en."""
    for code, _quality in parse_accept_lang_header(request.headers.get("Accept-Language", "")):
        primary = code.split("-")[0].lower()
        if primary in LANGUAGES:
            return primary
    return "en"


def _body(request: HttpRequest) -> dict[str, str]:
    body = json_object_parse(request.body)
    values: dict[str, str] = {}
    for name in FIELDS:
        value = body.get(name)
        if value is None or (isinstance(value, str) and not value.strip()):
            raise InvalidInput(_("This field is required."), field=name)
        if not isinstance(value, str):
            raise InvalidInput(_("This field must be text."), field=name)
        if len(value) > MAX_LENGTHS[name]:
            raise InvalidInput(
                _("This field is too long (at most %(limit)s characters)."),
                field=name,
                limit=MAX_LENGTHS[name],
            )
        values[name] = text_check(value, field=name)
    return values


REQUEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": LookupIn.model_json_schema()}},
    },
    "parameters": [
        {
            "in": "header",
            "name": "Accept-Language",
            "required": False,
            "schema": {"type": "string", "example": "fr-CA"},
            "description": "en or fr (the first of them in the header); en by default.",
        }
    ],
}


@router.post(
    "/status-lookups",
    response={200: StatusOut, 400: ErrorOut, 404: ErrorOut, 413: ErrorOut, 429: ErrorOut},
    summary="Look up the status of an application",
    description=(
        "Give the application number (E or P and 9 digits), the applicant's family name "
        "(case, accents, spaces, hyphens and apostrophes do not matter) and date of birth "
        "(YYYY-MM-DD). The answer has every step with its state and plain-language sentence, "
        "the full dated history, and the decision when there is one: the same sentences as the "
        "status page, in the language of Accept-Language. 404 means these details match no "
        "application, whether the number is unknown or the details are wrong. 400 names the "
        "field at fault (for instance a wrong check digit). After 5 failed look-ups of a number, "
        "or 20 from one address, in an hour, the answer is 429 with Retry-After (seconds); "
        "successful look-ups are never counted."
    ),
    openapi_extra=REQUEST_BODY,
)
def status_lookup_create(
    request: HttpRequest, response: HttpResponse
) -> Status[Any] | HttpResponse:
    language = request_language(request)
    response["Content-Language"] = language
    response["Vary"] = "Accept-Language"
    response["Cache-Control"] = "no-store"
    try:
        body = _body(request)
        answer = status_lookup_document(
            application_number=body["application_number"],
            family_name=body["family_name"],
            date_of_birth=body["date_of_birth"],
            ip=client_ip(request),
            language=language,
        )
    except Throttled as error:
        response["Retry-After"] = str(error.retry_after)
        return Status(429, error.as_dict())
    except NotFound as error:
        return Status(404, error.as_dict())
    except GuichetError as error:
        return Status(400, error.as_dict())
    # The stored bytes, not validated again by the schema: this is the hot path, and
    # status.payload builds exactly StatusOut (the tests check it against the schema).
    ok = HttpResponse(answer, content_type="application/json; charset=utf-8")
    for name in ("Content-Language", "Vary", "Cache-Control"):
        ok[name] = response[name]
    return ok


if getattr(settings, "ACCOUNTS_BENCH_ENDPOINTS", False):

    @router.post("/bench/trivial", include_in_schema=False)
    def bench_trivial(request: HttpRequest) -> dict[str, Any]:
        """Benchmark baseline only (GUICHET_BENCH=1): parse the body, answer a small JSON."""
        body = json.loads(request.body or b"null")
        return {"ok": True, "fields": len(body) if isinstance(body, dict) else 0}
