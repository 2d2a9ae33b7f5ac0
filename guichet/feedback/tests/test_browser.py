"""In headless Chromium: a client answers the French survey from the link in the outbox (with a
mistake first), the page-feedback widget works without JavaScript, and a manager reads the
satisfaction page in both languages. axe-core checks every page (no serious or critical
violation), and the Nu Html Checker validates them."""

import re

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from guichet.feedback.demo import seed_feedback_demo
from guichet.feedback.models import PageFeedback, Response
from guichet.feedback.tests.conftest import decided_case
from guichet.notifications.models import Notification
from guichet.testing.browser import axe_violations, format_violations
from guichet.testing.factories import staff_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{format_violations(violations)}"


def test_a_client_answers_the_french_survey_from_the_outbox(
    live_server, page: Page, reference_data
):
    decided_case(preferred_language="fr")
    body = Notification.objects.get(purpose="feedback_invitation").body
    path = re.search(r"https?://[^/\s]+(/\S+)", body).group(1)  # type: ignore[union-attr]
    page.goto(live_server.url + path)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Comment s'est passée votre expérience avec nous\u00a0?"
    )
    accessible(page)
    page.get_by_role("group", name=re.compile("Le personnel connaissait")).get_by_label(
        "D'accord", exact=True
    ).check()
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_role("alert")).to_contain_text("Répondez à cette question")
    accessible(page)
    page.get_by_role("group", name=re.compile("Dans l'ensemble")).get_by_label(
        "Satisfait", exact=True
    ).check()
    page.get_by_label("En ligne").check()
    page.get_by_role("button", name="Envoyer mes réponses").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Merci de vos réponses")
    accessible(page)
    answers = Response.objects.get().answers
    assert answers == {"knowledge": 4, "overall": 4, "channel_used": "online"}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_page_feedback_on_the_home_page(live_server, page: Page, reference_data, language):
    page.goto(f"{live_server.url}/{language}/")
    yes = "Yes" if language == "en" else "Oui"
    page.get_by_label(yes, exact=True).check()
    page.get_by_role("button", name="Send feedback" if language == "en" else "Envoyer").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you for your feedback" if language == "en" else "Merci de votre commentaire"
    )
    accessible(page)
    assert PageFeedback.objects.get().helpful


def test_the_manager_sees_the_cohorts_compared_and_the_weak_areas(
    live_server, page: Page, reference_data
):
    seed_feedback_demo(seed=2016, live=0)
    client = Client()
    client.force_login(staff_make("manager"))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/en/staff/satisfaction/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Client satisfaction")
    expect(page.get_by_role("heading", name="2015 compared with 2013")).to_be_visible()
    expect(page.locator("#weak-caption")).to_be_visible()
    expect(page.locator("table").first).to_contain_text("service_code=spouse-in-canada")
    accessible(page)
    page.goto(f"{live_server.url}/fr/personnel/satisfaction/?by=case_channel")
    expect(page.get_by_role("heading", level=1)).to_have_text("Satisfaction des clients")
    accessible(page)
    # An analyst opens a program change from a weak area; it appears on the public page.
    page.goto(f"{live_server.url}/en/staff/satisfaction/")
    page.get_by_role("link", name="Open a program change").first.click()
    accessible(page)
    page.get_by_label("Owner (team)").fill("Family sponsorship")
    page.get_by_label("What we heard, in English").fill("The wait was too long.")
    page.get_by_label("What we heard, in French").fill("L'attente était trop longue.")
    page.get_by_label("What we changed, in English").fill("We publish each step's time.")
    page.get_by_label("What we changed, in French").fill("Nous publions le délai de chaque étape.")
    page.get_by_label("Publish on the page").check()
    page.get_by_role("button", name="Record the change").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("What we heard, what we changed")
    expect(page.get_by_text("We publish each step's time.")).to_be_visible()
    accessible(page)
    page.goto(f"{live_server.url}/fr/ce-que-nous-avons-entendu/")
    expect(page.get_by_text("Nous publions le délai de chaque étape.")).to_be_visible()
    accessible(page)
