"""Query budget of a mailroom receipt: a new query here costs every package scanned."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guichet.intake.tests.conftest import post_receipt, receipt_body

pytestmark = pytest.mark.django_db

# Token, barcode, receipt, client match, case (with its savepoint for a number collision),
# steps, events, the service-standard clock (6: it re-reads what case_receive knows — still to
# cut), two messages of 5–6 each (insert under a savepoint, send task, guard task) and the
# audit record, and the stored status (4: case, steps and events read as the status selector
# reads them, one upsert of both languages; ADR 0019), and the acknowledgement letter (2: its
# row and its render task; the PDF itself is made by the worker). A repeated package is answered
# from its receipt.
NEW_PACKAGE_BUDGET = 39  # 38 on SQLite
REPEATED_PACKAGE_BUDGET = 2


def _queries(call):
    with CaptureQueriesContext(connection) as queries:
        response = call()
    assert response.status_code in (200, 201), response.content
    return [q["sql"] for q in queries]


def test_a_new_package_and_a_repeated_one_stay_within_their_budgets(client, token):
    post_receipt(client, receipt_body(), token)  # warm the catalogue cache
    body = receipt_body()
    new = _queries(lambda: post_receipt(client, body, token))
    again = _queries(lambda: post_receipt(client, body, token))
    assert len(new) <= NEW_PACKAGE_BUDGET
    assert len(again) <= REPEATED_PACKAGE_BUDGET
