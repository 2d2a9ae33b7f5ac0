"""Reference data that transactional (live-server) tests need, and put back after them.

A transactional test ends with a flush of every table. Django's post_migrate then recreates
content types and permissions, and the catalogue reloads itself, but the staff roles (groups
granted by each app's `*_roles` data migration) stay gone, and a later test that signs in an
officer would fail. So the roles are granted before each live-server test, and again after its
flush, from the same migration code.
"""

from collections.abc import Generator
from typing import Any

import pytest
from pytest_django.plugin import blocking_manager_key

from guichet.catalogue.services import catalogue_load
from guichet.core.roles import roles_after_migrate


def roles_grant_all() -> None:
    """Grant every Guichet app's roles again: the same code that runs after each migrate."""
    roles_after_migrate(sender=None)


def reference_data_load() -> None:
    roles_grant_all()
    catalogue_load()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_teardown(item: pytest.Item, nextitem: Any) -> Generator[None, None, None]:
    """After a transactional test's flush (its fixtures are torn down by then), grant the
    roles again so that the tests that follow find them. Not after the last test: the test
    database is gone by then, and the connection points at the real one."""
    yield
    if nextitem is not None and flushes(item):
        with item.config.stash[blocking_manager_key].unblock():
            roles_grant_all()


def flushes(item: pytest.Item) -> bool:
    """Whether the test ran on a transactional database (flushed at its end)."""
    fixtures = set(getattr(item, "fixturenames", ()))
    marker = item.get_closest_marker("django_db")
    return bool(
        fixtures & {"transactional_db", "live_server"}
        or (marker is not None and marker.kwargs.get("transaction"))
    )
