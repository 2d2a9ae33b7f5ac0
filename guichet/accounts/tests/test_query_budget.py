"""Query budgets of the client's hot paths: a fixed number of queries per answer, however long
the case's history. A new query here costs every look-up; raise a budget only on purpose."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from guichet.accounts.tests.conftest import link_make, signed_in
from guichet.accounts.tests.test_api import lookup, proof
from guichet.cases.services import case_step_update
from guichet.testing.factories import staff_make

pytestmark = pytest.mark.django_db

# throttle statement, the read model's one query (proof, stored status, estimate), the take
# given back (only failures count, ADR 0018), take-up count (batched in production): ADR 0019
API_LOOKUP_BUDGET = 4
# The public status-check page renders the selector's view: throttle, proof, the take given
# back, case, steps, events, estimate, take-up count.
STATUS_CHECK_PAGE_BUDGET = 8
# session, session epoch, user, account, link, case, steps, events, estimate, document
# requests (their files, when there are any), letters, take-up count, appointment invitations
# and appointments (the appointments module's section)
CASE_PAGE_BUDGET = 14


def _lengthen(case, changes=20):
    officer = staff_make("officer")
    for state in ["completed", "in_progress"] * (changes // 2):
        case_step_update(
            case_id=case.pk, step_code="completeness-check", state=state, actor=officer
        )


def _queries(call):
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code == 200
    return [q["sql"] for q in queries]


def test_an_api_look_up_stays_within_its_budget_however_long_the_history(case):
    lookup(proof(case))  # warm the catalogue cache
    short = _queries(lambda: lookup(proof(case)))
    _lengthen(case)
    long = _queries(lambda: lookup(proof(case)))
    assert len(long) == len(short)
    assert len(long) <= API_LOOKUP_BUDGET


def test_a_clients_case_page_stays_within_its_budget_however_long_the_history(account, case):
    link = link_make(account, case)
    http = signed_in(account)
    url = reverse("accounts:case", kwargs={"link_id": link.pk})
    http.get(url)
    short = _queries(lambda: http.get(url))
    _lengthen(case)
    long = _queries(lambda: http.get(url))
    assert len(long) == len(short)
    assert len(long) <= CASE_PAGE_BUDGET


def test_the_public_status_check_page_stays_within_the_apis_budget(case):
    from django.test import Client as HttpClient

    from guichet.accounts.tests.test_status_check import check
    from guichet.accounts.tests.test_status_check import proof as page_proof

    http = HttpClient()
    check(page_proof(case), http=http)  # warm the catalogue cache
    short = _queries(lambda: check(page_proof(case), http=http))
    _lengthen(case)
    long = _queries(lambda: check(page_proof(case), http=http))
    assert len(long) == len(short)
    assert len(long) <= STATUS_CHECK_PAGE_BUDGET
