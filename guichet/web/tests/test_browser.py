"""The home page in headless Chromium: no serious or critical axe-core violation in either
language, and the language toggle leads to the paired page."""

import pytest
from playwright.sync_api import Page, expect

from guichet.testing.browser import axe_violations, format_violations

pytestmark = [pytest.mark.browser, pytest.mark.usefixtures("transactional_db")]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_home_page_has_no_serious_accessibility_violations(live_server, page: Page, language):
    page.goto(f"{live_server.url}/{language}/")
    page.wait_for_selector("gcds-header.hydrated", state="attached")
    page.wait_for_selector("gcds-footer.hydrated", state="attached")
    expect(page.locator("html")).to_have_attribute("lang", language)
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_language_toggle_and_skip_link(live_server, page: Page):
    page.goto(f"{live_server.url}/en/")
    page.wait_for_selector("gcds-header.hydrated", state="attached")
    page.keyboard.press("Tab")
    skip = page.get_by_role("link", name="Skip to main content")
    expect(skip).to_be_focused()
    page.get_by_role("link", name="Français").click()
    expect(page).to_have_url(f"{live_server.url}/fr/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    page.get_by_role("link", name="English").click()
    expect(page).to_have_url(f"{live_server.url}/en/")


def test_home_page_works_without_javascript(live_server, browser):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(f"{live_server.url}/en/")
        expect(page.get_by_role("heading", level=1)).to_be_visible()
        page.get_by_role("link", name="Français").click()
        expect(page).to_have_url(f"{live_server.url}/fr/")
        page.get_by_role("link", name="Connexion du personnel").click()
        expect(page.get_by_label("Nom d’utilisateur")).to_be_visible()
    finally:
        context.close()


HOME_LINKS = {
    "en": [
        ("Check the status of an application", "/en/application-status/"),
        ("Apply for a visitor visa", "/en/visitor-visa/"),
        ("Apply for a permanent resident card", "/en/pr-card/"),
        ("Processing times", "/en/processing-times/"),
        ("Help and contact us", "/en/help/"),
        ("Sign in to your account", "/en/account/sign-in/"),
        ("Create an account", "/en/account/sign-up/"),
    ],
    "fr": [
        ("Vérifier l'état d'une demande", "/fr/etat-de-la-demande/"),
        ("Demander un visa de visiteur", None),
        ("Demander une carte de résident permanent", None),
        ("Délais de traitement", None),
        ("Aide et nous joindre", None),
        ("Connexion à votre compte", None),
        ("Créer un compte", None),
    ],
}


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_new_user_reaches_every_client_service_from_home(live_server, page: Page, language):
    """Issue 9.1: the home page leads somewhere. Click each service, land on a working page
    in the same language, come back."""
    for name, address in HOME_LINKS[language]:
        page.goto(f"{live_server.url}/{language}/")
        page.get_by_role("link", name=name, exact=True).first.click()
        page.wait_for_load_state()
        if address:
            expect(page).to_have_url(f"{live_server.url}{address}")
        assert page.url.startswith(f"{live_server.url}/{language}/"), page.url
        expect(page.locator("html")).to_have_attribute("lang", language)
        expect(page.get_by_role("heading", level=1)).to_be_visible()
