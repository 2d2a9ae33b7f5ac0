import pytest
from django.utils import translation

from guichet.backoffice.tests.reference_data import (  # noqa: F401
    pytest_runtest_teardown,  # puts the staff roles back after each flush
)


@pytest.fixture(autouse=True)
def english_by_default():
    """A request made by the test client leaves its page's language active in the thread."""
    translation.activate("en")
    yield
    translation.deactivate()
