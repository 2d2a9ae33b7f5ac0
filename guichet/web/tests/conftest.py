import pytest
from django.utils import translation


@pytest.fixture(autouse=True)
def english_by_default():
    """A request made by the test client leaves its page's language active in the thread."""
    translation.activate("en")
    yield
    translation.deactivate()
