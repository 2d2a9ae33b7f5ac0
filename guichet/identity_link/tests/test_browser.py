"""The possible-duplicate pages in a browser, both languages: axe at desktop and 375 px, no
CSP violation (guichet.testing.browser)."""

import datetime as dt

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from guichet.core.roles import OFFICER
from guichet.identity_link.models import DuplicateReview
from guichet.intake.services import client_match_or_create
from guichet.intake.validation import ApplicantInput
from guichet.testing.browser import axe_violations, format_violations
from guichet.testing.factories import client_make, staff_make

pytestmark = pytest.mark.browser


@pytest.fixture
def review(transactional_db):
    client_make(family_name="Côté", given_names="Jean-François", date_of_birth=dt.date(1971, 6, 23))
    new = client_match_or_create(
        applicant=ApplicantInput(
            family_name="Côté", given_names="Jean", date_of_birth=dt.date(1971, 3, 23), sex="F",
            preferred_language="fr",
        )
    )  # fmt: skip
    return DuplicateReview.objects.get(client=new)


def check(page: Page) -> None:
    page.wait_for_selector("gcds-header.hydrated", state="attached")
    violations = axe_violations(page)  # at this width and at 375 px
    assert not violations, format_violations(violations)


def test_an_officer_reviews_a_possible_duplicate(live_server, page: Page, review):
    client = Client()
    client.force_login(staff_make(OFFICER))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/fr/personnel/doublons/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Doublons possibles")
    check(page)
    page.goto(f"{live_server.url}/en/staff/duplicates/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Possible duplicates")
    check(page)
    page.get_by_role("link", name=f"Review {review.pk}").click()
    expect(page.get_by_role("table")).to_contain_text("Jean-François")
    check(page)
    page.get_by_role("button", name="Same person: merge").click()
    expect(page.get_by_text("No possible duplicate is waiting.")).to_be_visible()
    page.goto(f"{live_server.url}/fr/personnel/doublons/{review.pk}/")
    expect(page.get_by_role("button", name="Séparer de nouveau")).to_be_visible()
    check(page)
    page.get_by_role("button", name="Séparer de nouveau").click()
    expect(page.get_by_text("chacune a de nouveau ses propres dossiers")).to_be_visible()
