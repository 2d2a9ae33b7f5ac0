"""Compiled French catalogues for the test run, so that `pytest` alone (before any `make demo`
or `make translations`) finds them: .mo files are build output and not committed.

Only catalogues whose .po changed are compiled again, so this costs nothing on a second run.
"""

import pytest

from guichet.core.management.translations import PACKAGE_DIR, catalogues, compile_catalogue


def pytest_sessionstart(session: pytest.Session) -> None:
    if hasattr(session.config, "workerinput"):
        return  # under pytest-xdist the controller compiles once, before any test runs
    for path in catalogues(PACKAGE_DIR):
        compile_catalogue(path)
