"""Query budget of the worker's hot path: one message delivered costs a fixed number of
queries, whatever else is in the outbox. Raise it only on purpose: at 200 messages a second,
every query is 200 round trips a second."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guichet.notifications.models import Notification
from guichet.notifications.services import delivery
from guichet.notifications.tests.conftest import queue

pytestmark = pytest.mark.django_db

# 7 statements: the claim (the notification locked and read, the rate bucket read and moved
# on, the notification marked sending), then the answer (the notification marked sent, its
# attempt inserted, the guard task deleted); plus 3 SAVEPOINT/RELEASE pairs, which are the
# claim's and the record's transactions inside the test's own (BEGIN/COMMIT in production).
DELIVER_BUDGET = 13


def _deliver(notification: Notification) -> int:
    with CaptureQueriesContext(connection) as queries:
        outcome = delivery.notification_deliver(notification_id=notification.pk, task_id="t")
    assert outcome == "sent"
    return len(queries)


def test_one_delivery_costs_the_same_however_full_the_outbox(settings):
    first = queue(channel="email", recipient="a@example.ca")
    alone = _deliver(first)
    for n in range(30):
        queue(channel="email", recipient=f"c{n}@example.ca")
    crowded = _deliver(queue(channel="email", recipient="b@example.ca"))
    assert crowded == alone
    assert crowded <= DELIVER_BUDGET, crowded
