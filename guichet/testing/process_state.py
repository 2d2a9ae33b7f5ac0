"""State a test may leave in this process, outside the database, cleared before each test.

Take-up counts wait in memory until a batch is full (contact.services.interactions). A test
that raises the batch size leaves its counts behind; the next test in the same process would
then write them into its own transaction, and a count it checks would depend on the order the
tests ran in (CI runs them in random order).
"""

import pytest

from guichet.contact.services.interactions import status_lookup_counts_forget


@pytest.fixture(autouse=True)
def take_up_counts_forgotten() -> None:
    status_lookup_counts_forget()
