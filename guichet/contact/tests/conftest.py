"""Fixtures for the contact-centre tests: a simulated phone over Django's test client, staff of
each role, and a case with a known date of birth."""

import datetime as dt

import pytest
from django.test import Client as HttpClient

from guichet.cases.models import Case
from guichet.contact.ivr.simulator import CallSimulator
from guichet.testing.factories import case_make, client_make, staff_make

BORN = dt.date(1985, 3, 14)
BORN_KEYS = "19850314"
# The keys of "Tre", the first letters of every family name client_make gives (Tremblay-Gagné…).
NAME_KEYS = "873"
TOKEN = "test-twilio-auth-token"


def digits_of(case: Case) -> str:
    return case.application_number[1:]


def wrong_check_digit(digits: str) -> str:
    return digits[:8] + str((int(digits[8]) + 1) % 10)


def transport_for(http: HttpClient):
    def transport(path: str, params: dict[str, str], headers: dict[str, str]):
        extra = {f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()}
        response = http.post(path, params, HTTP_HOST="localhost", **extra)
        return response.status_code, response.content.decode()

    return transport


@pytest.fixture
def signed(settings):
    """Webhooks require X-Twilio-Signature, as in production."""
    settings.TWILIO_AUTH_TOKEN = TOKEN
    settings.TWILIO_WEBHOOK_BASE_URL = ""
    return TOKEN


@pytest.fixture
def phone(db, signed):
    """A function returning a new signed call."""

    def make(**kwargs) -> CallSimulator:
        return CallSimulator(
            transport_for(HttpClient()), base_url="http://localhost", auth_token=signed, **kwargs
        )

    return make


@pytest.fixture
def case(db) -> Case:
    return case_make(
        service_code="spouse-in-canada",
        channel="paper",
        client=client_make(date_of_birth=BORN, phone="+16135550100", preferred_language="fr"),
    )


def signed_in(role: str) -> HttpClient:
    http = HttpClient()
    http.force_login(staff_make(role))
    return http


@pytest.fixture
def agent_http(db) -> HttpClient:
    return signed_in("agent")


@pytest.fixture
def manager_http(db) -> HttpClient:
    return signed_in("manager")


@pytest.fixture
def officer_http(db) -> HttpClient:
    return signed_in("officer")
