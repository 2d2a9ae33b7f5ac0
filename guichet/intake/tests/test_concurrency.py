"""Two (or eight) clerks scanning the same package at the same moment still make one case.

Each thread is its own database connection. On PostgreSQL the requests really contend on the
unique barcode (the losers wait for the winner's commit, then answer with its number) and on the
advisory lock of the person; on SQLite (a file database in tests) the write lock taken when each
transaction starts makes them take turns.
"""

from __future__ import annotations

import threading
from typing import Any

import pytest
from django.contrib.auth.models import Group, User
from django.db import connection
from django.test import Client

from guichet.cases.models import Case
from guichet.clients.models import Client as ClientRecord
from guichet.core.roles import MAILROOM
from guichet.core.services import api_token_create
from guichet.intake.models import PaperReceipt
from guichet.intake.tests.conftest import post_receipt, receipt_body
from guichet.notifications.models import Notification

CLERKS = 8


def _clerk() -> User:
    # Transactional tests empty the tables, data migrations included: make the role here.
    group, _created = Group.objects.get_or_create(name=MAILROOM)
    user = User.objects.create_user(f"clerk-{User.objects.count() + 1}")
    user.groups.add(group)
    return user


def _race(bodies: list[dict[str, Any]], token: str) -> list[Any]:
    barrier = threading.Barrier(len(bodies))
    responses: list[Any] = [None] * len(bodies)

    def scan(index: int) -> None:
        try:
            client = Client()
            barrier.wait(timeout=10)
            responses[index] = post_receipt(client, bodies[index], token)
        finally:
            connection.close()

    threads = [threading.Thread(target=scan, args=(i,)) for i in range(len(bodies))]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    return responses


@pytest.mark.django_db(transaction=True)
def test_clerks_scanning_the_same_package_at_once_make_one_case(reference_data):
    _token, raw = api_token_create(user=_clerk(), name="station")
    body = receipt_body()

    responses = _race([body] * CLERKS, raw)

    statuses = sorted(r.status_code for r in responses)
    assert statuses == [200] * (CLERKS - 1) + [201]
    assert len({r.json()["application_number"] for r in responses}) == 1
    assert Case.objects.count() == 1
    assert PaperReceipt.objects.count() == 1
    assert ClientRecord.objects.count() == 1
    assert Notification.objects.count() == 2  # one SMS, one e-mail


@pytest.mark.django_db(transaction=True)
def test_two_packages_of_one_new_person_at_once_make_one_client(reference_data):
    _token, raw = api_token_create(user=_clerk(), name="station")
    bodies = [receipt_body(), receipt_body(service_code="citizenship-grant")]

    responses = _race(bodies, raw)

    assert [r.status_code for r in responses] == [201, 201]
    assert Case.objects.count() == 2
    assert ClientRecord.objects.count() == 1
