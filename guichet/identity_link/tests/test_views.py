"""The possible-duplicate pages: who may open them, the decision, the split, the audit."""

import datetime as dt

import pytest
from django.test import Client as HttpClient

from guichet.cases.models import Case
from guichet.core.models import AuditRecord
from guichet.core.roles import MAILROOM, OFFICER
from guichet.identity_link.models import ClientMerge, DuplicateReview
from guichet.intake.services import client_match_or_create
from guichet.intake.validation import ApplicantInput
from guichet.testing.factories import case_make, client_make, staff_make

pytestmark = pytest.mark.django_db
BORN = dt.date(1971, 6, 23)


@pytest.fixture
def review():
    existing = client_make(family_name="Côté", given_names="Jean-François", date_of_birth=BORN)
    case_make(client=existing)
    new = client_match_or_create(
        applicant=ApplicantInput(
            family_name="Côté", given_names="Jean", date_of_birth=dt.date(1971, 3, 23), sex="F",
            preferred_language="fr",
        )
    )  # fmt: skip
    case_make(client=new)
    return DuplicateReview.objects.get(client=new)


def signed_in(role):
    browser = HttpClient()
    browser.force_login(staff_make(role))
    return browser


def test_only_reviewers_open_the_queue(review):
    assert signed_in(MAILROOM).get("/en/staff/duplicates/").status_code == 403
    assert HttpClient().get("/en/staff/duplicates/").status_code == 302
    page = signed_in(OFFICER).get("/fr/personnel/doublons/")
    assert page.status_code == 200
    assert f"Examen {review.pk}" in page.content.decode()


def test_side_by_side_is_audited_and_a_merge_can_be_split(review):
    officer = signed_in(OFFICER)
    page = officer.get(f"/en/staff/duplicates/{review.pk}/").content.decode()
    assert "Jean-François" in page and "1971-03-23" in page
    assert "For the same person (+" in page
    viewed = AuditRecord.objects.filter(action="view", target_type="client")
    assert set(viewed.values_list("target_id", flat=True)) == {
        str(review.client_id), str(review.candidate_id),
    }  # fmt: skip

    response = officer.post(f"/en/staff/duplicates/{review.pk}/", {"decision": "same"})
    assert response.status_code == 302
    assert Case.objects.filter(client=review.candidate_id).count() == 2
    merge = ClientMerge.objects.get(review=review)
    officer.post(f"/en/staff/merges/{merge.pk}/split/")
    assert Case.objects.filter(client=review.candidate_id).count() == 1
    assert Case.objects.filter(client=review.client_id).count() == 1


def test_different_people_and_a_bad_decision(review):
    officer = signed_in(OFFICER)
    officer.post(f"/en/staff/duplicates/{review.pk}/", {"decision": "maybe"})
    review.refresh_from_db()
    assert review.status == "open"
    officer.post(f"/en/staff/duplicates/{review.pk}/", {"decision": "different"})
    review.refresh_from_db()
    assert review.status == "different"
    assert not ClientMerge.objects.exists()
