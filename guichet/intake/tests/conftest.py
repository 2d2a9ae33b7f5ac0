"""Fixtures for the intake tests: a mailroom clerk with an API token, a valid receipt body."""

from __future__ import annotations

import copy
import itertools
import json
from typing import Any

import pytest
from django.test import Client

from guichet.core.roles import MAILROOM
from guichet.core.services import api_token_create
from guichet.testing.factories import staff_make

URL = "/api/v1/mailroom/receipts"
_barcodes = itertools.count(1)

BODY: dict[str, Any] = {
    "package_barcode": "",
    "service_code": "spouse-in-canada",
    "received_at": "2026-01-15T09:30:00-05:00",
    "applicant": {
        "family_name": "Tremblay-Gagné",
        "given_names": "Marie-Ève",
        "date_of_birth": "1985-03-14",
        "sex": "F",
        "preferred_language": "fr",
        "phone": "613 555 0100",
        "email": "marie-eve@example.ca",
    },
}


def receipt_body(**changes: Any) -> dict[str, Any]:
    """A valid body with a fresh barcode; `applicant__x=` changes an applicant field."""
    body = copy.deepcopy(BODY)
    body["package_barcode"] = f"PKG-{next(_barcodes):06d}"
    for key, value in changes.items():
        if key.startswith("applicant__"):
            name = key.removeprefix("applicant__")
            if value is None:
                body["applicant"].pop(name, None)
            else:
                body["applicant"][name] = value
        elif value is None:
            body.pop(key, None)
        else:
            body[key] = value
    return body


def post_receipt(client: Client, body: Any, token: str | None) -> Any:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    return client.post(URL, data=data, content_type="application/json", headers=headers)


@pytest.fixture
def clerk(db: None) -> Any:
    return staff_make(MAILROOM)


@pytest.fixture
def token(clerk: Any) -> str:
    return api_token_create(user=clerk, name="Scanning station 1")[1]
