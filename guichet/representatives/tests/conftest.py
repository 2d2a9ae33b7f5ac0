"""Fixtures for the representatives tests: representatives built through the services,
signed-in browsers (OTP-verified, see guichet.testing.staff), consents."""

import itertools

import pytest
from django.contrib.auth.models import User
from django.test import Client as HttpClient

from guichet.cases.models import Case
from guichet.documents.tests.conftest import media_in_tmp  # noqa: F401 (a fixture)
from guichet.representatives.models import Consent, ConsentSource, Representative
from guichet.representatives.services import (
    consent_grant,
    representative_sign_up,
    representative_verify,
)
from guichet.testing.factories import staff_device_add, staff_make

PASSWORD = "a-long-representative-password"
_n = itertools.count(1)


def rep_make(
    *,
    verified: bool = True,
    two_step: bool = True,
    regulator: str = "ls-on",
    number: str | None = None,
    email: str | None = None,
    firm: str = "",
) -> Representative:
    n = next(_n)
    rep = representative_sign_up(
        email=email or f"rep{n}@example.ca",
        password=PASSWORD,
        family_name=f"Avocat{n}",
        given_names="Jeanne",
        regulator_code=regulator,
        membership_number=number or f"P{n:05d}",
        language="fr",
        firm_name=firm,
    )
    if two_step:
        staff_device_add(rep.user)
    if verified:
        manager = User.objects.filter(groups__name="manager").first() or staff_make("manager")
        rep = representative_verify(representative_id=rep.pk, actor=manager)
    return rep


def consent_make(rep: Representative, case: Case, *, all_cases: bool = False) -> Consent:
    return consent_grant(
        client_id=case.client_id,
        regulator_code=rep.regulator.code,
        membership_number=rep.membership_number,
        case_id=None if all_cases else case.pk,
        source=ConsentSource.ONLINE,
        actor=rep.user,  # who acted does not matter to these tests
    )


def rep_signed_in(rep: Representative) -> HttpClient:
    http = HttpClient()
    http.force_login(rep.user)
    return http


@pytest.fixture
def rep(db) -> Representative:
    return rep_make()
