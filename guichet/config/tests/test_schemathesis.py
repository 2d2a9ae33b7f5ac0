"""Schemathesis fuzzes every operation of the OpenAPI document: no answer may be a server
error, every status code must be one the document lists, every body must fit its schema.

Bounded and deterministic: EXAMPLES examples an operation and mode (valid data, and data
that breaks the schema), derandomised (the same examples on every run): 300 requests in all,
well under a minute. The mailroom, Notify callback and satisfaction report
get valid tokens so the fuzzer reaches their validation, not only their 401.
"""

from __future__ import annotations

import time

import pytest
import schemathesis
from django.core import signals
from django.core.handlers.wsgi import WSGIHandler
from django.db import close_old_connections
from hypothesis import HealthCheck, Phase, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    response_schema_conformance,
    status_code_conformance,
)

from guichet.core.roles import MAILROOM, MANAGER
from guichet.core.services import api_token_create
from guichet.testing.factories import staff_make

EXAMPLES = 30
CALLBACK_TOKEN = "callback-token-for-fuzzing"


@pytest.fixture
def api_schema(db, settings):  # db: the fuzzed requests write to it
    settings.GC_NOTIFY_CALLBACK_TOKEN = CALLBACK_TOKEN
    settings.ALLOWED_HOSTS = ["localhost", "testserver"]
    # As Django's test client does: a request must not close the test's database connection.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        yield schemathesis.openapi.from_wsgi("/api/v1/openapi.json", WSGIHandler())
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)


OPERATIONS = [
    "POST /api/v1/mailroom/receipts",
    "POST /api/v1/notifications/gc-notify/callback",
    "POST /api/v1/status-lookups",
    "GET /api/v1/processing-times",
    "GET /api/v1/service-standards",
    "GET /api/v1/feedback/satisfaction",
]


@pytest.fixture
def mailroom_token(db):
    return api_token_create(user=staff_make(MAILROOM), name="Fuzzer")[1]


def test_the_fuzzed_operations_are_every_operation_of_the_document(api_schema):
    found = sorted(
        f"{result.ok().method.upper()} {result.ok().path}"
        for result in api_schema.get_all_operations()
    )
    assert found == sorted(OPERATIONS)


@pytest.mark.parametrize("mode", [GenerationMode.POSITIVE, GenerationMode.NEGATIVE])
@pytest.mark.parametrize("label", OPERATIONS)
def test_no_operation_answers_a_server_error_or_an_undocumented_status(
    api_schema, mailroom_token, label, mode
):
    method, path = label.split(" ")
    operation = next(
        result.ok()
        for result in api_schema.get_all_operations()
        if result.ok().method.upper() == method and result.ok().path == path
    )
    headers = {}
    if path == "/api/v1/mailroom/receipts":
        headers["Authorization"] = f"Bearer {mailroom_token}"
    elif path == "/api/v1/notifications/gc-notify/callback":
        headers["Authorization"] = f"Bearer {CALLBACK_TOKEN}"
    elif path == "/api/v1/feedback/satisfaction":
        manager_token = api_token_create(user=staff_make(MANAGER), name="Fuzzer")[1]
        headers["Authorization"] = f"Bearer {manager_token}"
    calls: list[int] = []

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        deadline=None,
        database=None,
        phases=[Phase.explicit, Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    def fuzz(case):
        response = case.call(headers=headers)
        calls.append(response.status_code)
        case.validate_response(
            response,
            checks=[not_a_server_error, status_code_conformance, response_schema_conformance],
        )

    started = time.monotonic()
    fuzz()
    assert calls, "no request was made"
    assert 500 not in calls
    assert time.monotonic() - started < 60
