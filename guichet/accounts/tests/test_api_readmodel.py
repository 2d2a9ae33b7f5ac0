"""POST /api/v1/status-lookups answers from the status read model (ADR 0019): after every kind
of change its bytes are the selector's answer, in both languages; it costs two queries (the
throttle's one statement and the look-up's one) whatever the answer."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guichet.accounts.services import account_update
from guichet.accounts.tests.conftest import account_make, link_make, unknown_number
from guichet.accounts.tests.test_api import lookup, proof
from guichet.cases.services import case_decide, case_step_update
from guichet.core import clock
from guichet.standards.days import day_of
from guichet.standards.models import CaseForecast
from guichet.status.models import StatusDocument
from guichet.status.payload import status_payload_bytes
from guichet.status.selectors import case_status_get
from guichet.testing.factories import staff_make

pytestmark = pytest.mark.django_db


def assert_answers_are_the_selectors(case):
    for header, language in (("en-CA", "en"), ("fr-CA,fr;q=0.9", "fr")):
        response = lookup(proof(case), language=header)
        assert response.status_code == 200
        assert response.content == status_payload_bytes(
            case_status_get(case_id=case.pk, language=language)
        )


def _step(case, state, note=""):
    case_step_update(
        case_id=case.pk,
        step_code="completeness-check",
        state=state,
        actor=staff_make("officer"),
        client_note=note,
    )


def _forecast(case, most_by_days):
    today = day_of(clock.today())
    CaseForecast.objects.filter(case_id=case.pk).delete()  # a run replaces the whole table
    CaseForecast.objects.create(
        case_id=case.pk,
        service_id=case.service_id,
        queue_position=3,
        likely_by_day=today + most_by_days // 2,
        most_by_day=today + most_by_days,
        as_of_day=today,
    )


CHANGES = {
    "receipt": lambda case: None,
    "step change": lambda case: _step(case, "completed"),
    "action required": lambda case: _step(case, "action_required", "Envoyez le certificat."),
    "refusal": lambda case: case_decide(case_id=case.pk, outcome="refused", actor=None),
    "withdrawal": lambda case: case_decide(case_id=case.pk, outcome="withdrawn", actor=None),
    "forecast refresh": lambda case: (_forecast(case, 45), _forecast(case, 120)),
    "language change": lambda case: account_update(
        account=link_make(account_make(language="en"), case).account, phone="", language="fr"
    ),
}


@pytest.mark.parametrize("change", list(CHANGES))
def test_after_every_kind_of_change_the_api_answers_the_selectors_bytes(case, change):
    CHANGES[change](case)
    assert_answers_are_the_selectors(case)


def test_a_step_change_then_a_new_estimate_then_a_decision(case):
    _step(case, "action_required", "Send the fee receipt.")
    _forecast(case, 60)
    assert b'"estimate": {"most_by"' in lookup(proof(case)).content
    assert_answers_are_the_selectors(case)
    _step(case, "in_progress")
    case_decide(case_id=case.pk, outcome="withdrawn", actor=None)
    assert b'"estimate": null' in lookup(proof(case)).content
    assert_answers_are_the_selectors(case)


def test_without_a_stored_document_the_answer_is_the_selectors_all_the_same(case):
    StatusDocument.objects.filter(case=case).delete()  # as after a bulk load, before the rebuild
    assert_answers_are_the_selectors(case)


@pytest.fixture
def no_take_up_flush(settings):
    """The take-up count reaches the database in batches in production; keep it out."""
    settings.CONTACT_LOOKUP_COUNT_BATCH = 10**9
    settings.CONTACT_LOOKUP_COUNT_SECONDS = 10**9


def test_a_look_up_costs_the_throttle_statement_and_one_query(
    case, django_assert_num_queries, no_take_up_flush
):
    _forecast(case, 60)
    for _ in range(20):
        _step(case, "action_required", "More, please.")
        _step(case, "in_progress")
    lookup(proof(case))  # warm the catalogue cache
    # The throttle's take, the read model's one query, and the take given back on success
    # (only failures use up a source's budget, ADR 0018).
    with django_assert_num_queries(3) as queries:
        response = lookup(proof(case), language="fr")
    assert response.status_code == 200
    assert b'"estimate": {' in response.content
    sql = [q["sql"] for q in queries.captured_queries]
    assert sql[0].startswith("INSERT INTO") and "ON CONFLICT" in sql[0]  # the throttle
    assert "status_statusdocument" in sql[1]  # proof, document and estimate at once
    assert sql[2].startswith("UPDATE")  # the attempt given back


def test_a_wrong_proof_and_an_unknown_number_run_the_same_statements(case, no_take_up_flush):
    lookup(proof(case))
    runs = []
    for body in (
        proof(case, family_name="Gagnon"),
        proof(case, application_number=unknown_number()),
    ):
        with CaptureQueriesContext(connection) as queries:
            response = lookup(body)
        assert response.status_code == 404
        runs.append([q["sql"].split(" WHERE ")[0][:20] for q in queries.captured_queries])
    assert runs[0] == runs[1]
