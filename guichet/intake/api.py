"""`POST /api/v1/mailroom/receipts`: a scanning station registers a paper package.

The body is read here rather than by django-ninja's schema, so that every bad input, even a
body that is not JSON, answers 400 with a bilingual message naming the field (the schema
below documents it in the OpenAPI description).
"""

from __future__ import annotations

import datetime as dt
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from guichet.core.api_auth import StaffTokenAuth
from guichet.core.errors import Conflict, GuichetError, InvalidInput
from guichet.core.jsonbody import json_parse
from guichet.core.roles import MAILROOM
from guichet.intake.models import ReceiptSource
from guichet.intake.services import paper_receipt_register
from guichet.intake.validation import paper_receipt_parse

router = Router(tags=["mailroom"])


class ApplicantIn(Schema):
    family_name: str = Field(min_length=1, max_length=100, examples=["Tremblay"])
    given_names: str = Field(min_length=1, max_length=150, examples=["Marie-Ève"])
    date_of_birth: dt.date
    sex: Literal["F", "M", "X"]
    preferred_language: Literal["en", "fr"]
    phone: str | None = Field(
        default=None, pattern=r"^\+?[0-9][0-9 ()-]{6,19}$", examples=["+1 613 555 0100"]
    )
    email: str | None = Field(default=None, max_length=254, examples=["marie@example.ca"])
    uci: str | None = Field(
        default=None,
        pattern=r"^[0-9]{2}-?[0-9]{4}-?[0-9]{4}$",
        description="10 digits, the last a Luhn check digit; 00-0000-0000 or 0000000000.",
    )


class ReceiptIn(Schema):
    package_barcode: str = Field(
        pattern=r"^[A-Za-z0-9][A-Za-z0-9._/\-]{0,63}$", examples=["PKG-2026-000123"]
    )
    service_code: str = Field(
        pattern=r"^[a-z][a-z0-9-]{1,49}$",
        description="A service of the catalogue that accepts paper applications.",
        examples=["spouse-in-canada"],
    )
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
        413: ErrorOut,
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
        body = json_parse(request.body)
    except InvalidInput as error:
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
