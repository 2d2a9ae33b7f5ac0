"""Services and selectors: sign-up, verification, consents, the access record."""

import datetime as dt

import pytest
from django.contrib.auth.models import User

from guichet.core import clock
from guichet.core.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from guichet.representatives.models import (
    AccessAction,
    Consent,
    ConsentSource,
    Regulator,
    Representative,
    RepresentativeAccess,
)
from guichet.representatives.regulators import REGULATORS
from guichet.representatives.selectors import consent_for_case
from guichet.representatives.services import (
    RECHECK_DAYS,
    access_record,
    consent_grant,
    consent_revoke,
    representative_sign_up,
)
from guichet.representatives.tests.conftest import PASSWORD, consent_make, rep_make
from guichet.testing.factories import case_make, client_make

pytestmark = pytest.mark.django_db


def test_regulators_are_data_loaded_by_the_migration():
    codes = set(Regulator.objects.values_list("code", flat=True))
    assert codes == {row["code"] for row in REGULATORS}
    # Every province and territory has its law society; the two others are there.
    provinces = set(Regulator.objects.filter(kind="law_society").values_list("province", flat=True))
    assert len(provinces) == 13
    assert {"cnq", "cicc"} <= codes
    assert Regulator.objects.get(code="cicc").name("fr").startswith("Collège")


def test_sign_up_waits_for_staff_and_normalises_the_number():
    rep = rep_make(verified=False, number="p-12 345", firm="Cabinet Exemple")
    assert rep.state == "pending"
    assert rep.membership_number == "P12345"
    assert rep.firm is not None and rep.firm.name == "Cabinet Exemple"
    assert not rep.in_good_standing(clock.today())
    assert not hasattr(rep.user, "client_account")  # a representative is not a client


def test_one_identity_per_representative_and_nothing_half_saved():
    rep_make(verified=False, number="P12345")
    users = User.objects.count()
    with pytest.raises(Conflict) as caught:
        rep_make(verified=False, number="p 12345")
    assert caught.value.field == "membership_number"
    assert "membership number" in caught.value.text("en")
    assert "numéro de membre" in caught.value.text("fr")
    assert User.objects.count() == users
    # The same number with another regulator is another person.
    rep_make(verified=False, number="P12345", regulator="cicc")


@pytest.mark.parametrize(
    ("field", "overrides"),
    [
        ("regulator", {"regulator_code": "nope"}),
        ("membership_number", {"membership_number": " - "}),
        ("family_name", {"family_name": "  "}),
        ("email", {"email": "not-an-address"}),
        ("password", {"password": "short"}),
    ],
)
def test_sign_up_refusals_name_the_field(field, overrides):
    arguments = {
        "email": "someone@example.ca",
        "password": PASSWORD,
        "family_name": "Roy",
        "given_names": "Luc",
        "regulator_code": "cnq",
        "membership_number": "N123",
        "language": "fr",
    } | overrides
    with pytest.raises(InvalidInput) as caught:
        representative_sign_up(**arguments)
    assert caught.value.field == field
    assert not Representative.objects.exists()


def test_verification_sets_the_yearly_recheck():
    rep = rep_make()
    assert rep.recheck_due == clock.today() + dt.timedelta(days=RECHECK_DAYS)
    assert rep.in_good_standing(clock.today())
    assert not rep.in_good_standing(rep.recheck_due + dt.timedelta(days=1))


def test_a_consent_for_one_case_covers_that_case_only():
    rep = rep_make()
    client = client_make()
    case, other = case_make(client=client), case_make(client=client)
    consent = consent_make(rep, case)
    assert consent_for_case(representative=rep, case_id=case.pk) == consent
    assert consent_for_case(representative=rep, case_id=other.pk) is None
    assert consent_for_case(representative=rep_make(), case_id=case.pk) is None


def test_a_consent_for_all_cases_covers_the_clients_cases_and_no_one_elses():
    rep = rep_make()
    client = client_make()
    case, later = case_make(client=client), case_make(client=client)
    stranger = case_make()
    consent_make(rep, case, all_cases=True)
    assert consent_for_case(representative=rep, case_id=later.pk) is not None
    assert consent_for_case(representative=rep, case_id=stranger.pk) is None


def test_revoking_ends_access_at_once_and_only_once():
    rep = rep_make()
    case = case_make()
    consent = consent_make(rep, case)
    consent_revoke(consent_id=consent.pk, client_id=case.client_id, actor=rep.user)
    assert consent_for_case(representative=rep, case_id=case.pk) is None
    with pytest.raises(IllegalTransition):
        consent_revoke(consent_id=consent.pk, client_id=case.client_id, actor=rep.user)
    # Another client's consent is not found.
    with pytest.raises(NotFound):
        consent_revoke(consent_id=consent.pk, client_id=client_make().pk, actor=rep.user)
    # A new consent may be given after a revoked one.
    assert consent_make(rep, case).in_force


def test_an_unverified_representative_cannot_be_authorised():
    rep = rep_make(verified=False)
    case = case_make()
    with pytest.raises(InvalidInput) as caught:
        consent_make(rep, case)
    assert caught.value.field == "membership_number"
    assert caught.value.text("fr")
    assert not Consent.objects.exists()


def test_a_consent_is_refused_twice_and_for_another_clients_case():
    rep = rep_make()
    case = case_make()
    consent_make(rep, case, all_cases=True)
    with pytest.raises(Conflict):
        consent_make(rep, case)
    with pytest.raises(NotFound):
        consent_grant(
            client_id=client_make().pk,
            regulator_code=rep.regulator.code,
            membership_number=rep.membership_number,
            case_id=case.pk,
            source=ConsentSource.PAPER,
            actor=rep.user,
        )
    assert Consent.objects.count() == 1


def test_the_access_record_is_append_only():
    rep = rep_make()
    case = case_make()
    consent = consent_make(rep, case)
    access = access_record(
        consent=consent, case_id=case.pk, client_id=case.client_id, action=AccessAction.VIEWED
    )
    with pytest.raises(TypeError):
        access.save()
    with pytest.raises(TypeError):
        RepresentativeAccess.objects.all().delete()
    with pytest.raises(TypeError):
        RepresentativeAccess.objects.update(action="listed")


def test_the_demo_representative_is_reset_and_sees_the_cases_given():
    from guichet.representatives.services import representative_demo_ensure

    case = case_make()
    rep = representative_demo_ensure(password=PASSWORD, case_ids=[case.pk])
    again = representative_demo_ensure(password=PASSWORD, case_ids=[case.pk])
    assert rep.pk == again.pk
    assert again.in_good_standing(clock.today())
    assert consent_for_case(representative=again, case_id=case.pk) is not None
    assert Consent.objects.filter(representative=again).count() == 1
    assert again.user.check_password(PASSWORD)
