"""Every contact-centre page in headless Chromium, with axe-core (no serious or critical
violation): the help centre, a client's web question, the agent desktop with a call handed over
by the phone line, the agent's case page, the enquiry queue and answer, the channel metrics."""

import pytest
from django.conf import settings
from django.test import Client as HttpClient
from playwright.sync_api import Page, expect

from guichet.accounts.tests.conftest import account_make, link_make
from guichet.accounts.tests.conftest import signed_in as client_signed_in
from guichet.contact.demo import seed_contact_demo
from guichet.contact.ivr.simulator import CallSimulator
from guichet.contact.models import Enquiry
from guichet.contact.services.knowledge_base import kb_load
from guichet.contact.tests.conftest import BORN, BORN_KEYS, NAME_KEYS, digits_of, transport_for
from guichet.testing.browser import axe_violations, format_violations
from guichet.testing.factories import case_make, client_make, staff_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def accessible(page: Page) -> None:
    page.wait_for_selector("gcds-header.hydrated", state="attached")
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{format_violations(violations)}"


def sign_in_as(page: Page, http: HttpClient, live_server) -> None:
    """Give the browser the session of a Django test client that is signed in."""
    cookie = http.cookies[settings.SESSION_COOKIE_NAME]
    page.context.add_cookies([{"name": cookie.key, "value": cookie.value, "url": live_server.url}])


@pytest.fixture
def world(reference_data):
    kb_load()
    case = case_make(
        service_code="spouse-in-canada",
        channel="paper",
        client=client_make(date_of_birth=BORN, preferred_language="fr"),
    )
    return case


def test_help_centre_pages(live_server, page: Page, world):
    base = live_server.url
    page.goto(f"{base}/en/help/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Help centre")
    accessible(page)
    page.get_by_label("Search the help centre").fill("application number")
    page.get_by_role("button", name="Search").click()
    page.get_by_role("link", name="Find your application number").click()
    accessible(page)
    page.get_by_role("button", name="Yes").click()
    expect(page.get_by_role("status")).to_contain_text("Thank you for your feedback.")
    page.goto(f"{base}/fr/aide/sujets/status/")
    accessible(page)
    page.goto(f"{base}/fr/aide/articles/check-status/")
    expect(page.get_by_role("heading", level=2, name="Avez-vous trouvé ce que vous cherchiez?"))
    accessible(page)


def test_a_client_asks_and_an_agent_answers(live_server, page: Page, world, browser):
    base = live_server.url
    account = account_make(language="fr")
    link_make(account, world)
    sign_in_as(page, client_signed_in(account), live_server)
    page.goto(f"{base}/fr/aide/questions/nouvelle/")
    accessible(page)
    page.get_by_role("button", name="Envoyer ma question").click()  # empty: errors shown
    expect(page.get_by_role("alert")).to_be_visible()
    accessible(page)
    page.get_by_label("Votre question", exact=True).fill("Avez-vous reçu mes documents?")
    page.get_by_role("button", name="Envoyer ma question").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Votre question")
    accessible(page)
    page.goto(f"{base}/fr/aide/questions/")
    accessible(page)

    agent = browser.new_context(locale="en-CA").new_page()
    http = HttpClient()
    http.force_login(staff_make("agent"))
    sign_in_as(agent, http, live_server)
    agent.goto(f"{base}/en/contact-centre/questions/")
    accessible(agent)
    enquiry = Enquiry.objects.get()
    agent.goto(f"{base}/en/contact-centre/questions/{enquiry.pk}/")
    accessible(agent)
    agent.get_by_label("Answer", exact=True).fill("Oui, ils sont au dossier.")
    agent.get_by_role("button", name="Send the answer").click()
    expect(agent.get_by_role("status").first).to_contain_text("The answer has been sent.")
    agent.context.close()


def test_agent_takes_a_call_handed_over_by_the_phone_line(live_server, page: Page, world):
    call = CallSimulator(transport_for(HttpClient()), auth_token="")
    call.start()
    call.press("2")
    call.press(digits_of(world))
    call.press(NAME_KEYS)
    call.press(BORN_KEYS)
    call.press("0")
    http = HttpClient()
    http.force_login(staff_make("agent"))
    sign_in_as(page, http, live_server)
    page.goto(f"{live_server.url}/en/contact-centre/")
    expect(page.locator("#calls")).to_contain_text(world.application_number)
    accessible(page)
    page.get_by_role("button", name="Take this call").click()
    expect(page.get_by_role("status").first).to_contain_text("do not ask for them again")
    expect(page.locator("#pilot-timeline")).to_be_visible()
    accessible(page)
    page.get_by_label("Outcome").select_option("resolved")
    page.get_by_role("button", name="Record the contact").click()
    expect(page.get_by_role("status").first).to_contain_text("The contact has been recorded.")
    page.goto(f"{live_server.url}/fr/centre-de-contact/dossiers/{world.pk}/")
    accessible(page)
    page.goto(f"{live_server.url}/fr/centre-de-contact/")
    accessible(page)


def test_channel_metrics_dashboard(live_server, page: Page, world):
    for _ in range(3):
        case_make()
    seed_contact_demo(weeks=4, calls_per_week=30)
    http = HttpClient()
    http.force_login(staff_make("manager"))
    sign_in_as(page, http, live_server)
    page.goto(f"{live_server.url}/en/contact-centre/metrics/")
    expect(page.locator("svg").first).to_be_visible()
    accessible(page)
    page.goto(f"{live_server.url}/fr/centre-de-contact/indicateurs/?weeks=4")
    accessible(page)
