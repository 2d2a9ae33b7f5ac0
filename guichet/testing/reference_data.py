"""Reference data every test may rely on — staff roles and the service catalogue — kept in
place around transactional tests, whatever order the tests run in.

A transactional test (live server, threads on two connections) ends with a flush of every
table. The roles (groups granted by each app's `*_roles` data migration) and the catalogue must
be back before the next test, or that test's outcome would depend on which tests ran before it
(a suite run without Chromium used to fail where one with it passed). So, for every test in the
suite: after a transactional test, both are granted again from the same code that runs after
each migrate. Both loaders are idempotent; nothing here uses `serialized_rollback`, whose
reload of saved rows collides with rows that post-migrate handlers have already recreated.
"""

from collections.abc import Generator
from typing import Any

import pytest
from pytest_django.plugin import blocking_manager_key

from guichet.catalogue.services import catalogue_load
from guichet.core.roles import roles_after_migrate


def reference_data_load() -> None:
    """Grant every Guichet app's roles and load the catalogue: what a migrate leaves behind."""
    roles_after_migrate(sender=None)
    catalogue_load()


@pytest.fixture
def reference_data(transactional_db) -> None:
    """Roles and catalogue for a transactional test (live server, several connections)."""
    reference_data_load()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: Any) -> Generator[None, None, None]:
    """After a transactional test's flush (its fixtures are torn down by then), put the
    reference data back so that the tests that follow find it. Not after the last test: the
    test database is gone by then, and the connection points at the real one."""
    yield
    if nextitem is not None and flushes(item):
        with item.config.stash[blocking_manager_key].unblock():
            reference_data_load()


def flushes(item: pytest.Item) -> bool:
    """Whether the test ran on a transactional database (flushed at its end)."""
    fixtures = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    return bool(
        fixtures & {"transactional_db", "live_server"}
        or (marker is not None and marker.kwargs.get("transaction"))
    )
