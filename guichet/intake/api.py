"""`POST /api/v1/mailroom/receipts`: a scanning station registers a paper package.

The body is read here rather than by django-ninja's schema, so that every bad input, even a
body that is not JSON, answers 400 with a bilingual message naming the field (the schema
below documents it in the OpenAPI description).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, Literal

from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _
from ninja import Router, Schema, Status

from guichet.core.api_auth import StaffTokenAuth
from guichet.core.errors import Conflict, GuichetError, InvalidInput
from guichet.core.roles import MAILROOM
from guichet.intake.models import ReceiptSource
from guichet.intake.services import paper_receipt_register
from guichet.intake.validation import paper_receipt_parse

router = Router(tags=["mailroom"])


class ApplicantIn(Schema):
    family_name: str
    given_names: str
    date_of_birth: dt.date
    sex: Literal["F", "M", "X"]
    preferred_language: Literal["en", "fr"]
    phone: str | None = None
    email: str | None = None
    uci: str | None = None


class ReceiptIn(Schema):
    package_barcode: str
    service_code: str
    received_at: dt.datetime | dt.date | None = None
    applicant: ApplicantIn


class ReceiptOut(Schema):
    application_number: str


class ErrorOut(Schema):
    code: str
    field: str | None
    message: dict[str, str]


class DetailOut(Schema):
    detail: str


def _inline(schema: dict[str, Any]) -> dict[str, Any]:
    """Pydantic's JSON schema with its $defs put in place, as OpenAPI wants it inline."""
    definitions = schema.pop("$defs", {})

    def resolve(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return resolve(definitions[ref.removeprefix("#/$defs/")])
            return {key: resolve(value) for key, value in node.items()}
        if isinstance(node, list):
            return [resolve(item) for item in node]
        return node

    resolved: dict[str, Any] = resolve(schema)
    return resolved


REQUEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {"application/json": {"schema": _inline(ReceiptIn.model_json_schema())}},
    }
}


@router.post(
    "/mailroom/receipts",
    auth=StaffTokenAuth(group=MAILROOM),
    response={
        200: ReceiptOut,
        201: ReceiptOut,
        400: ErrorOut,
        401: DetailOut,
        403: DetailOut,
        409: ErrorOut,
    },
    summary="Register a paper application received in the mailroom",
    description=(
        "Creates the client if new (matched on names and date of birth, and the UCI when "
        "given), opens the case with a P application number and queues the receipt "
        "confirmation by SMS and e-mail in the client's language. 201 the first time; 200 "
        "with the same number when the same package (barcode and details) is sent again, "
        "nothing new being sent; 409 when the barcode was registered with other details."
    ),
    openapi_extra=REQUEST_BODY,
)
def receipt_create(request: HttpRequest) -> Status[dict[str, Any]]:
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError):
        error = InvalidInput(_("The request body must be a JSON object."), field="body")
        return Status(400, error.as_dict())
    try:
        outcome = paper_receipt_register(
            data=paper_receipt_parse(body),
            actor=getattr(request, "auth", None),
            source=ReceiptSource.API,
        )
    except Conflict as error:
        return Status(409, error.as_dict())
    except GuichetError as error:
        return Status(400, error.as_dict())
    return Status(
        201 if outcome.created else 200, {"application_number": outcome.application_number}
    )
