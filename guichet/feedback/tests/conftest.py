"""Fixtures for the feedback tests: every decided case sampled unless a test says otherwise."""

import pytest

from guichet.cases.services import case_decide
from guichet.testing.factories import case_make, client_make


@pytest.fixture(autouse=True)
def _sample_everyone(settings):  # type: ignore[no-untyped-def]
    settings.FEEDBACK_SAMPLING_RATES = {"default": 1.0}
    settings.GUICHET_PUBLIC_URL = "https://guichet.example"


def decided_case(**client_fields):  # type: ignore[no-untyped-def]
    case = case_make(client=client_make(**client_fields))
    case_decide(case_id=case.pk, outcome="refused", actor=None)
    return case
