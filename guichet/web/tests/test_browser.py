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
