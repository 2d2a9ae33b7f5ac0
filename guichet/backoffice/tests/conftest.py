"""Fixtures for the back-office tests: staff of each role, signed in, and a case to work on."""

import pytest
from django.test import Client as HttpClient
from django.utils import translation

from guichet.cases.models import Case
from guichet.testing.factories import case_make, client_make, staff_make


@pytest.fixture(autouse=True)
def english_by_default():
    """URLs reversed in a test are English unless it says otherwise (a request made by the
    test client leaves its page's language active in the thread)."""
    translation.activate("en")
    yield
    translation.deactivate()


def signed_in(role: str) -> HttpClient:
    http = HttpClient()
    http.force_login(staff_make(role))
    return http


@pytest.fixture
def officer_http(db) -> HttpClient:
    return signed_in("officer")


@pytest.fixture
def case(db) -> Case:
    """A paper spousal sponsorship whose first step is in progress."""
    return case_make(
        service_code="spouse-in-canada",
        channel="paper",
        client=client_make(family_name="Côté-Nguyen", given_names="Anne-Marie"),
    )
