import importlib

import pytest
from django.apps import apps

ROLE_MIGRATIONS = ("guichet.cases.migrations.0002_roles", "guichet.reports.migrations.0002_roles")


@pytest.fixture(autouse=True)
def roles(request: pytest.FixtureRequest) -> None:
    """Staff roles with their permissions, also after a transactional test's flush."""
    transactional = {"live_server", "transactional_db"} & set(request.fixturenames)
    request.getfixturevalue("transactional_db" if transactional else "db")
    for module in ROLE_MIGRATIONS:
        importlib.import_module(module).forwards(apps, None)
