"""No input makes the API answer 500: deep nesting, NUL bytes and lone surrogates are 400/422,
bilingual, naming the field, and nothing is written."""

from __future__ import annotations

import json

import pytest

from guichet.cases.models import Case
from guichet.core.roles import MAILROOM
from guichet.core.services import api_token_create
from guichet.notifications.models import Notification
from guichet.testing.factories import staff_make

pytestmark = pytest.mark.django_db

DEEP = ("[" * 100_000 + "]" * 100_000).encode()
DEEP_OBJECT = ('{"a":' * 50 + "1" + "}" * 50).encode()  # parses, but deeper than allowed
GC_URL = "/api/v1/notifications/gc-notify/callback"
CALLBACK_TOKEN = "callback-token-for-tests"


@pytest.fixture
def mailroom_token(db):
    return api_token_create(user=staff_make(MAILROOM), name="Scanner")[1]


def bilingual(response, field):
    body = response.json()
    assert body["field"] == field, body
    assert body["message"]["en"] and body["message"]["fr"]
    assert body["message"]["en"] != body["message"]["fr"]
    return body


@pytest.mark.parametrize("payload", [DEEP, DEEP_OBJECT], ids=["recursion", "depth"])
def test_deeply_nested_json_is_a_400_on_the_public_look_up(client, payload):
    response = client.post("/api/v1/status-lookups", payload, content_type="application/json")
    assert response.status_code == 400
    assert "nested" in bilingual(response, "body")["message"]["en"]


@pytest.mark.parametrize("payload", [DEEP, DEEP_OBJECT], ids=["recursion", "depth"])
def test_deeply_nested_json_is_a_400_on_the_mailroom_api(client, mailroom_token, payload):
    response = client.post(
        "/api/v1/mailroom/receipts",
        payload,
        content_type="application/json",
        headers={"Authorization": f"Bearer {mailroom_token}"},
    )
    assert response.status_code == 400
    bilingual(response, "body")
    assert Case.objects.count() == 0


@pytest.mark.parametrize("payload", [DEEP, DEEP_OBJECT], ids=["recursion", "depth"])
def test_deeply_nested_json_is_a_400_on_the_notify_callback(client, settings, payload):
    settings.GC_NOTIFY_CALLBACK_TOKEN = CALLBACK_TOKEN
    response = client.post(
        GC_URL,
        payload,
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {CALLBACK_TOKEN}",
    )
    assert response.status_code == 400
    bilingual(response, "body")


@pytest.mark.parametrize("text", ["a\x00b", "\ud800", "x\udfffy"], ids=["nul", "high", "low"])
@pytest.mark.parametrize("key", ["id", "status", "reference"])
def test_nul_and_lone_surrogates_in_the_notify_callback_are_a_422(client, settings, key, text):
    settings.GC_NOTIFY_CALLBACK_TOKEN = CALLBACK_TOKEN
    payload = {"id": "740e5834-3a29-46b4-9a6f-16142fde533a", "status": "delivered", key: text}
    response = client.post(
        GC_URL,
        json.dumps(
            payload
        ),  # ensure_ascii: the surrogate travels as \\ud800, as an attacker's would
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {CALLBACK_TOKEN}",
    )
    assert response.status_code == 422, response.content
    bilingual(response, key)
    assert Notification.objects.count() == 0


def test_a_notify_callback_missing_its_status_names_it(client, settings):
    settings.GC_NOTIFY_CALLBACK_TOKEN = CALLBACK_TOKEN
    response = client.post(
        GC_URL,
        json.dumps({"id": "740e5834-3a29-46b4-9a6f-16142fde533a"}),
        content_type="application/json",
        HTTP_AUTHORIZATION=f"Bearer {CALLBACK_TOKEN}",
    )
    assert response.status_code == 422
    bilingual(response, "status")


@pytest.mark.parametrize("text", ["Tremblay\x00", "\ud800Tremblay"], ids=["nul", "surrogate"])
@pytest.mark.parametrize("key", ["family_name", "given_names", "email"])
def test_nul_and_lone_surrogates_in_mailroom_names_are_a_400(client, mailroom_token, key, text):
    from guichet.intake.tests.conftest import receipt_body

    body = receipt_body(**{f"applicant__{key}": text})
    response = client.post(
        "/api/v1/mailroom/receipts",
        json.dumps(body),
        content_type="application/json",
        headers={"Authorization": f"Bearer {mailroom_token}"},
    )
    assert response.status_code == 400, response.content
    bilingual(response, f"applicant.{key}")
    assert Case.objects.count() == 0


@pytest.mark.parametrize("key", ["application_number", "family_name"])
def test_nul_and_lone_surrogates_in_the_look_up_are_a_400(client, key):
    body = {
        "application_number": "P000000018",
        "family_name": "Tremblay",
        "date_of_birth": "1985-03-14",
    }
    body[key] = body[key] + "\ud800\x00"
    response = client.post(
        "/api/v1/status-lookups", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400
    bilingual(response, key)
