"""Query budget of a mailroom receipt: a new query here costs every package scanned."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guichet.intake.tests.conftest import post_receipt, receipt_body

pytestmark = pytest.mark.django_db

# Token, barcode, [savepoint: the request's transaction, inside the test's], receipt, client
# match (advisory lock on PostgreSQL, look-up), case (with its savepoint pair for a number
# collision), steps, events, the stored status (one upsert of both languages, rendered from the
# rows just written: ADR 0019, ADR 0028), the service-standard clock (one INSERT, folded from
# the same rows), the receipt's case, the two messages (opt-outs read once, one INSERT of both
# notifications, one of their four tasks: ADR 0028), the audit record, the acknowledgement
# letter (its row and its render task; the PDF is made by the worker, ADR 0030), [release].
# Was 37 on PostgreSQL (36 on SQLite) before issue 10.
NEW_PACKAGE_BUDGET = 21  # 21 on both (SQLite: no advisory lock, but BEGIN is not counted either)
REPEATED_PACKAGE_BUDGET = 2


def _queries(call):
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code in (200, 201), response.content
    return [q["sql"] for q in queries]


def _count(queries, start, table=""):
    return sum(1 for q in queries if q.lstrip().upper().startswith(start) and table in q)


def test_a_new_package_and_a_repeated_one_stay_within_their_budgets(client, token):
    post_receipt(client, receipt_body(), token)  # warm the catalogue cache
    body = receipt_body()
    new = _queries(lambda: post_receipt(client, body, token))
    again = _queries(lambda: post_receipt(client, body, token))
    assert len(new) <= NEW_PACKAGE_BUDGET, "\n".join(new)
    assert len(again) <= REPEATED_PACKAGE_BUDGET


def test_a_new_package_writes_each_row_once_and_reads_nothing_it_wrote(client, token):
    post_receipt(client, receipt_body(), token)
    new = _queries(lambda: post_receipt(client, receipt_body(), token))
    # The test's own transaction makes the request's a savepoint: that one, and the case
    # number's (a collision is retried), no other.
    assert _count(new, "SAVEPOINT") == 2
    # One INSERT for both messages, one for their send and guard tasks (and one for the
    # letter's render), no UPDATE after.
    assert _count(new, "INSERT", '"notifications_notification"') == 1
    assert _count(new, "INSERT", '"django_tasks_database_dbtaskresult"') == 2
    assert _count(new, "INSERT", '"letters_letter"') == 1
    assert _count(new, "UPDATE", '"notifications_notification"') == 0
    # The clock and the stored status are built from the rows just written, not read back.
    assert _count(new, "SELECT", '"standards_caseclock"') == 0
    assert _count(new, "SELECT", 'FROM "cases_case"') == 0
    assert _count(new, "SELECT", 'FROM "cases_casestep"') == 0
    assert _count(new, "SELECT", 'FROM "cases_caseevent"') == 0
    assert _count(new, "INSERT", '"standards_caseclock"') == 1
    assert _count(new, "UPDATE", '"standards_caseclock"') == 0
