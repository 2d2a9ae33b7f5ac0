"""One person, one client record: intake resolves the applicant against existing clients."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from guichet.clients.models import Client
from guichet.identity_link.models import DuplicateReview
from guichet.identity_link.selectors import client_resolve
from guichet.identity_link.services import client_merge
from guichet.intake.services import client_match_or_create
from guichet.intake.validation import ApplicantInput
from guichet.testing.factories import client_make

pytestmark = pytest.mark.django_db
BORN = dt.date(1971, 6, 23)


def applicant(**changes):
    values = {
        "family_name": "Côté",
        "given_names": "Jean-François",
        "date_of_birth": BORN,
        "sex": "M",
        "preferred_language": "fr",
        "phone": "+16135550199",
    }
    return ApplicantInput(**(values | changes))


@pytest.fixture
def existing():
    return client_make(family_name="Côté", given_names="Jean-François", date_of_birth=BORN, sex="M")


def test_the_same_person_spelt_another_way_is_attached(existing):
    for spelling in (
        {"family_name": "COTE", "given_names": "jean francois"},
        {"given_names": "François Jean"},  # given names in another order
        {"given_names": "John Francis"},  # the English forms
        {"date_of_birth": dt.date(1971, 6, 22)},  # one digit wrong
    ):
        assert client_match_or_create(applicant=applicant(**spelling)) == existing, spelling
    assert Client.objects.count() == 1
    assert not DuplicateReview.objects.exists()


def test_a_clear_non_match_is_a_new_client_without_review(existing):
    other = client_match_or_create(
        applicant=applicant(family_name="Nguyen", given_names="Thi Mai", sex="F")
    )
    assert other != existing
    assert not DuplicateReview.objects.exists()


def test_a_doubtful_match_is_a_new_client_and_a_review_never_a_merge(existing):
    # Same family name, only the first given name, and one digit of the birth date differs.
    doubtful = applicant(given_names="Jean", date_of_birth=dt.date(1971, 3, 23))
    resolution = client_resolve(
        family_name=doubtful.family_name,
        given_names=doubtful.given_names,
        date_of_birth=doubtful.date_of_birth,
        sex=doubtful.sex,
    )
    assert resolution.outcome == "review", [
        c.score.match_probability for c in resolution.candidates
    ]
    client = client_match_or_create(applicant=doubtful)
    assert client != existing
    review = DuplicateReview.objects.get()
    assert (review.client, review.candidate) == (client, existing)
    assert 0.80 <= review.match_probability < 0.99
    assert {e["comparison"] for e in review.evidence} >= {"family_name", "date_of_birth"}
    assert review.model_version == "1"
    # The existing client's contact details were not touched.
    existing.refresh_from_db()
    assert existing.phone != doubtful.phone


def test_two_existing_namesakes_are_never_chosen_between(existing):
    twin = client_make(family_name="Côté", given_names="Jean-François", date_of_birth=BORN, sex="M")
    client = client_match_or_create(applicant=applicant())
    assert client not in (existing, twin)
    assert set(DuplicateReview.objects.values_list("candidate", flat=True)) == {
        existing.pk,
        twin.pk,
    }


def test_a_merged_client_is_no_longer_a_candidate(existing):
    duplicate = client_make(family_name="Cote", given_names="J-F", date_of_birth=BORN, sex="M")
    client_merge(survivor_id=existing.pk, merged_id=duplicate.pk, actor=None)
    assert client_match_or_create(applicant=applicant()) == existing


def test_resolution_is_one_query_whatever_the_candidates(existing):
    for n in range(30):
        client_make(given_names=f"Luc{'x' * n}", date_of_birth=BORN)
    with CaptureQueriesContext(connection) as queries:
        client_resolve(family_name="Côté", given_names="Jean-François", date_of_birth=BORN)
    assert len(queries) == 1
