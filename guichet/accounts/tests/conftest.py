"""Fixtures for the accounts tests: client accounts, a paper case to link, signed-in browsers."""

import datetime as dt
import itertools

import pytest
from django.contrib.auth.models import User
from django.test import Client as HttpClient
from django.utils import translation

from guichet.accounts.middleware import client_session_start
from guichet.accounts.models import CaseLink, ClientAccount, LinkRoute
from guichet.cases.models import Case
from guichet.core import clock
from guichet.core.identifiers import application_number_make
from guichet.testing.factories import case_make, client_make

PASSWORD = "a-long-client-password"
BORN = dt.date(1985, 3, 14)
_n = itertools.count(1)


def account_make(
    *, email: str | None = None, language: str = "en", verified: bool = True, phone: str = ""
) -> ClientAccount:
    email = email or f"holder{next(_n)}@example.ca"
    user = User.objects.create_user(username=email, email=email, password=PASSWORD)
    return ClientAccount.objects.create(
        user=user,
        email=email,
        language=language,
        phone=phone,
        email_verified_at=clock.now() if verified else None,
    )


def signed_in(account: ClientAccount, **client_kwargs: object) -> HttpClient:
    """A browser signed in as the holder, the way the sign-in page does it."""
    http = HttpClient(**client_kwargs)  # type: ignore[arg-type]
    http.force_login(account.user)
    session = http.session
    fake = type("R", (), {"session": session})()
    client_session_start(fake, account)  # type: ignore[arg-type]
    session.save()
    return http


def link_make(account: ClientAccount, case: Case, **fields: object) -> CaseLink:
    return CaseLink.objects.create(
        account=account,
        case=case,
        route=LinkRoute.APPLICATION_NUMBER,
        linked_at=clock.now(),
        **fields,
    )


@pytest.fixture
def account(db) -> ClientAccount:
    return account_make()


@pytest.fixture
def case(db) -> Case:
    """A paper spousal sponsorship of Marie-Ève Tremblay-Gagné, born 1985-03-14."""
    return case_make(
        service_code="spouse-in-canada",
        channel="paper",
        client=client_make(
            family_name="Tremblay-Gagné", given_names="Marie-Ève", date_of_birth=BORN
        ),
    )


@pytest.fixture
def other_case(db) -> Case:
    return case_make(
        service_code="citizenship-grant",
        channel="paper",
        client=client_make(
            family_name="O'Neil", given_names="Patrick", date_of_birth=dt.date(1979, 7, 1)
        ),
    )


def unknown_numbers(count: int, letter: str = "P") -> list[str]:
    """Well-formed application numbers that belong to no case."""
    used = set(Case.objects.values_list("serial", flat=True))
    serials = (s for s in itertools.count(10_000_000) if s not in used)
    return [application_number_make(letter, next(serials)) for _ in range(count)]


def unknown_number(letter: str = "P") -> str:
    return unknown_numbers(1, letter)[0]


@pytest.fixture(autouse=True)
def english_by_default():
    """Each test starts in English: a request to a /fr/ page leaves French active in the
    thread, which would turn the next `reverse` French."""
    translation.activate("en")
    yield
    translation.deactivate()
