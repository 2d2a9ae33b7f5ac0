"""Same seed and same as-of date on an empty database: the same rows."""

import dataclasses

import pytest
from django.db import connection

from guichet.cases.models import Case, CaseEvent, CaseStep
from guichet.catalogue.selectors import catalogue_cache_clear
from guichet.clients.models import Client
from guichet.demo.generator import block_generate
from guichet.demo.seeding import plan_for_database, seed_population
from guichet.demo.tests.conftest import AS_OF


def _dump() -> dict[str, list[tuple]]:
    """Every row, without the ids of steps and events (the database numbers those)."""
    return {
        "clients": list(Client.objects.order_by("pk").values_list()),
        "cases": list(Case.objects.order_by("pk").values_list()),
        "steps": [
            row[1:] for row in CaseStep.objects.order_by("case_id", "position").values_list()
        ],
        "events": [
            row[1:] for row in CaseEvent.objects.order_by("case_id", "sequence").values_list()
        ],
    }


def _wipe() -> None:
    # CaseEvent refuses deletion through the ORM (append-only); tests may empty the table.
    with connection.cursor() as cursor:
        for table in ("cases_caseevent", "cases_casestep", "cases_case", "clients_client"):
            cursor.execute(f"DELETE FROM {table}")  # noqa: S608
        if connection.vendor == "postgresql":
            # Check the deferred foreign keys now: a table with pending checks cannot be altered.
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def test_same_seed_gives_the_same_rows_whatever_the_batch_size(db):
    catalogue_cache_clear()
    seed_population(cases=1_500, seed=42, as_of=AS_OF, batch_size=1_000, workers=0)
    first = _dump()
    _wipe()
    seed_population(cases=1_500, seed=42, as_of=AS_OF, batch_size=3_000, workers=0)
    assert _dump() == first
    _wipe()
    seed_population(cases=1_500, seed=43, as_of=AS_OF, workers=0)
    other = _dump()
    assert other["clients"] != first["clients"] and other["cases"] != first["cases"]


@pytest.mark.django_db(transaction=True)
def test_worker_processes_write_the_same_rows_as_one_process():
    """Worker processes (SQLite: staging files; PostgreSQL: COPY) change nothing in the data."""
    catalogue_cache_clear()
    seed_population(cases=2_100, seed=5, as_of=AS_OF, batch_size=1_000, workers=2)
    parallel = _dump()
    _wipe()
    seed_population(cases=2_100, seed=5, as_of=AS_OF, workers=0)
    assert _dump() == parallel


def test_blocks_are_a_pure_function_of_the_plan(db):
    catalogue_cache_clear()
    plan = plan_for_database(cases=2_500, seed=9, as_of=AS_OF)
    again = dataclasses.replace(plan)
    assert block_generate(plan, 2) == block_generate(again, 2)
    assert block_generate(plan, 1) != block_generate(plan, 2)


def test_seeding_twice_adds_cases_with_fresh_numbers(db):
    catalogue_cache_clear()
    seed_population(cases=300, seed=1, as_of=AS_OF, workers=0)
    seed_population(cases=300, seed=1, as_of=AS_OF, workers=0)
    assert Case.objects.count() == 600
    assert Case.objects.values("serial").distinct().count() == 600
    assert Client.objects.values("uci").distinct().count() == Client.objects.count()
