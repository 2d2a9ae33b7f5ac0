"""An unknown number and a known one with wrong details must be answered by the same work, so
the answer's timing cannot tell anyone that an application exists.

Wall-clock comparisons flaked on a busy machine, so the tests compare what decides the time
instead, deterministically: the same SQL statements in the same order (parameters aside), and
the same answer, byte for byte. A branch that skips a query or answers differently for an
unknown number fails here whatever the machine is doing.
"""

import json
import re

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guichet.accounts.tests.conftest import BORN, account_make, signed_in, unknown_number

pytestmark = pytest.mark.django_db

# Literals that differ between the two requests (numbers, quoted strings, savepoint names) are
# not the work.
_LITERAL = re.compile(r"'[^']*'|\bs\d+_x\d+\b|\b\d+\b")
# A page's CSRF token is new on every answer.
# What differs in every response: the CSRF token and the CSP nonce.
_CSRF = re.compile(rb'name="csrfmiddlewaretoken" value="[^"]+"|name="csp-nonce" content="[^"]+"')


@pytest.fixture(autouse=True)
def generous_throttle(settings):
    """Raise the limits: the comparison is about a failed proof, not about a refusal."""
    settings.ACCOUNTS_THROTTLE_RULES = {
        scope: {"limit": 100_000, "window": 3600} for scope in settings.ACCOUNTS_THROTTLE_RULES
    }


def work(attempt, typed: str) -> tuple[list[str], bytes, int]:
    """The statements one attempt runs (literals masked), its answer (with the number typed and
    the CSRF token masked) and its status code."""
    with CaptureQueriesContext(connection) as queries:
        response = attempt()
    statements = [_LITERAL.sub("?", q["sql"]) for q in queries.captured_queries]
    body = _CSRF.sub(b"CSRF", response.content.replace(typed.encode(), b"NUMBER"))
    return statements, body, response.status_code


def assert_same_work(post, unknown: str, known: str) -> None:
    post(unknown), post(known)  # warm both paths (first-use queries, caches)
    refused_unknown = work(lambda: post(unknown), unknown)
    refused_known = work(lambda: post(known), known)
    assert refused_unknown[0], "no query captured: the comparison would prove nothing"
    assert refused_unknown[0] == refused_known[0], "the two refusals run different queries"
    assert refused_unknown[1:] == refused_known[1:], "the two refusals answer differently"


def test_the_api_does_the_same_work_for_an_unknown_number_as_for_wrong_details(case):
    http = HttpClient()

    def post(number: str):
        body = {"application_number": number, "family_name": "Gagnon", "date_of_birth": str(BORN)}
        response = http.post(
            "/api/v1/status-lookups", data=json.dumps(body), content_type="application/json"
        )
        assert response.status_code == 404
        return response

    assert_same_work(post, unknown_number(), case.application_number)


def test_the_link_page_does_the_same_work_for_an_unknown_number_as_for_wrong_details(case):
    http = signed_in(account_make())
    url = reverse("accounts:case-link")

    def post(number: str):
        fields = {
            "route": "number",
            "n-application_number": number,
            "n-family_name": "Gagnon",
            "n-date_of_birth": str(BORN),
        }
        response = http.post(url, fields)
        assert response.status_code == 200
        return response

    assert_same_work(post, unknown_number(), case.application_number)
