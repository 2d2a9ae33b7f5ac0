"""POST /api/v1/status-lookups: the same sentences as the status page, the same 404 for an
unknown number and for wrong details, 400 naming the field, 429 with Retry-After."""

import json
from html import unescape

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils.translation import override

from guichet.accounts.api import StatusOut
from guichet.accounts.tests.conftest import (
    BORN,
    account_make,
    link_make,
    signed_in,
    unknown_number,
    unknown_numbers,
)
from guichet.cases.services import case_step_update
from guichet.status.selectors import case_status_get
from guichet.testing.factories import case_make

pytestmark = pytest.mark.django_db
URL = "/api/v1/status-lookups"


def lookup(body, *, language="en", http=None, **extra):
    http = http or HttpClient()
    return http.post(
        URL,
        data=body if isinstance(body, str) else json.dumps(body),
        content_type="application/json",
        HTTP_ACCEPT_LANGUAGE=language,
        **extra,
    )


def proof(case, **overrides):
    body = {
        "application_number": case.application_number,
        "family_name": "TREMBLAY GAGNE",
        "date_of_birth": BORN.isoformat(),
    }
    body.update(overrides)
    return body


def test_the_answer_has_every_step_the_history_and_no_decision_yet(case):
    case_step_update(
        case_id=case.pk,
        step_code="completeness-check",
        state="action_required",
        actor=None,
        client_note="Send a copy of your marriage certificate.",
    )
    response = lookup(proof(case))
    assert response.status_code == 200
    assert response["Content-Language"] == "en"
    body = response.json()
    assert set(body) >= {
        "application_number",
        "service",
        "received_on",
        "status",
        "steps",
        "history",
        "decision",
    }
    StatusOut.model_validate(body)  # exactly the documented schema
    assert body["application_number"] == case.application_number
    assert body["service"]["code"] == "spouse-in-canada"
    assert body["status"] == "in_progress"
    assert body["decision"] is None
    assert body["estimate"] is None
    step = body["steps"][0]
    assert set(step) >= {"code", "name", "state", "message", "updated_on"}
    assert [h["state"] for h in body["history"]][-1] == "action_required"
    assert body["history"][-1]["note"] == "Send a copy of your marriage certificate."
    assert set(body["history"][0]) >= {"at", "step", "state", "message"}


@pytest.mark.parametrize(
    "header,language", [("fr-CA,fr;q=0.9,en;q=0.5", "fr"), ("en-CA", "en"), ("de", "en")]
)
def test_the_texts_are_the_selectors_in_the_asked_language(case, header, language):
    body = lookup(proof(case), language=header).json()
    view = case_status_get(case_id=case.pk, language=language)
    assert body["language"] == language
    assert body["service"]["name"] == view.service_name
    assert [s["message"] for s in body["steps"]] == [s.message for s in view.steps]
    assert [s["name"] for s in body["steps"]] == [s.name for s in view.steps]
    assert [h["message"] for h in body["history"]] == [h.message for h in view.history]


def test_the_sentences_are_those_of_the_status_page(case):
    holder = account_make()
    link = link_make(holder, case)
    with override("fr"):
        url = reverse("accounts:case", kwargs={"link_id": link.pk})
    assert url.startswith("/fr/compte/demandes/")
    page = signed_in(holder).get(url)
    assert page.status_code == 200
    body = lookup(proof(case), language="fr").json()
    text = unescape(page.content.decode())
    for step in body["steps"]:
        assert step["message"] in text
        assert step["name"] in text
    for entry in body["history"]:
        assert entry["message"] in text


def test_a_decided_case_has_its_decision(case):
    from guichet.cases.services import case_decide

    case_decide(case_id=case.pk, outcome="refused", actor=None)
    body = lookup(proof(case)).json()
    assert body["status"] == "decided"
    assert body["decision"]["outcome"] == "refused"
    assert body["decision"]["decided_on"]


def test_unknown_and_mismatched_get_the_same_404(case):
    unknown = lookup(proof(case, application_number=unknown_number()))
    mismatch = lookup(proof(case, family_name="Gagnon"))
    wrong_date = lookup(proof(case, date_of_birth="1985-03-15"))
    assert unknown.status_code == mismatch.status_code == wrong_date.status_code == 404
    assert unknown.content == mismatch.content == wrong_date.content
    assert dict(unknown.headers).keys() == dict(mismatch.headers).keys()
    assert unknown.json()["code"] == "not_found"
    assert set(unknown.json()["message"]) == {"en", "fr"}


@pytest.mark.parametrize(
    "override,field",
    [
        ({"application_number": "P123456789"}, "application_number"),  # wrong check digit
        ({"application_number": "X12"}, "application_number"),
        ({"date_of_birth": "14/03/1985"}, "date_of_birth"),
        ({"date_of_birth": "2999-01-01"}, "date_of_birth"),
        ({"family_name": ""}, "family_name"),
        ({"family_name": None}, "family_name"),
        ({"date_of_birth": 19850314}, "date_of_birth"),
    ],
)
def test_malformed_fields_are_named(case, override, field):
    response = lookup(proof(case, **override))
    assert response.status_code == 400
    body = response.json()
    assert body["field"] == field
    assert body["message"]["en"] and body["message"]["fr"]


def test_a_body_that_is_not_json_is_400():
    response = lookup("{not json")
    assert response.status_code == 400
    assert response.json()["field"] == "body"


def test_failures_from_other_addresses_never_refuse_the_right_details(case):
    # Issue 9.6: five wrong dates from five addresses used to block the number for everyone.
    for i in range(50):
        response = lookup(proof(case, family_name="Gagnon"), REMOTE_ADDR=f"203.0.113.{i}")
        assert response.status_code == 404
    assert lookup(proof(case), REMOTE_ADDR="192.0.2.77").status_code == 200


def test_an_address_that_failed_on_a_guessed_number_is_slowed_not_blocked(case):
    for i in range(4):
        lookup(proof(case, family_name="Gagnon"), REMOTE_ADDR=f"203.0.113.{i}")
    assert lookup(proof(case, family_name="Gagnon"), REMOTE_ADDR="192.0.2.77").status_code == 404
    # The number's fifth failure: the address that made it waits 30 s, with the right details too.
    slowed = lookup(proof(case), REMOTE_ADDR="192.0.2.77")
    assert slowed.status_code == 429
    assert 1 <= int(slowed["Retry-After"]) <= 30
    assert slowed.json()["code"] == "throttled"
    # Another number from the same address is not affected.
    other = case_make(client=case.client)
    assert lookup(proof(other), REMOTE_ADDR="192.0.2.77").status_code == 200


def test_thirty_attempts_from_one_address_answer_429(case, settings):
    for number in unknown_numbers(30):
        response = lookup(proof(case, application_number=number), REMOTE_ADDR="203.0.113.9")
        assert response.status_code == 404
    assert lookup(proof(case), REMOTE_ADDR="203.0.113.9").status_code == 429
    assert lookup(proof(case), REMOTE_ADDR="203.0.113.10").status_code == 200


def test_successes_do_not_use_up_the_addresss_budget(case):
    # Only failures count against the address (the attempt taken before the proof is given
    # back when it succeeds): a hundred look-ups of one's own case, past the limit of thirty,
    # then the address still has its whole budget of failures.
    for _ in range(100):
        assert lookup(proof(case), REMOTE_ADDR="203.0.113.9").status_code == 200
    for number in unknown_numbers(30):
        response = lookup(proof(case, application_number=number), REMOTE_ADDR="203.0.113.9")
        assert response.status_code == 404
    assert lookup(proof(case), REMOTE_ADDR="203.0.113.9").status_code == 429


def test_ipv6_addresses_count_by_64(case):
    for i, number in enumerate(unknown_numbers(30)):
        lookup(proof(case, application_number=number), REMOTE_ADDR=f"2001:db8:1:2::{i + 1:x}")
    assert lookup(proof(case), REMOTE_ADDR="2001:db8:1:2:ffff::1").status_code == 429
    assert lookup(proof(case), REMOTE_ADDR="2001:db8:1:3::1").status_code == 200


def test_a_forwarded_address_counts_only_from_a_trusted_proxy(case, settings):
    # Without trusted proxies, changing X-Forwarded-For does not escape the address limit.
    for i, number in enumerate(unknown_numbers(30)):
        lookup(proof(case, application_number=number), HTTP_X_FORWARDED_FOR=f"1.1.1.{i}")
    assert lookup(proof(case), HTTP_X_FORWARDED_FOR="1.1.1.200").status_code == 429
    settings.TRUSTED_PROXIES = ["127.0.0.1"]
    assert lookup(proof(case), HTTP_X_FORWARDED_FOR="1.1.1.200").status_code == 200


def test_the_openapi_documents_it():
    schema = HttpClient().get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/status-lookups"]["post"]
    assert set(operation["responses"]) >= {"200", "400", "404", "429"}
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert set(body["properties"]) == {"application_number", "family_name", "date_of_birth"}
    assert "/api/v1/bench/trivial" not in schema["paths"]
