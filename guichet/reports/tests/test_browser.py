"""In headless Chromium: a manager drafts the council report, reads, edits and compares it, in
English and French; every page passes axe-core (no serious or critical violation)."""

import datetime as dt

import pytest
from django.test import Client
from playwright.sync_api import Page, expect

from guichet.reports.tests.helpers import live_figures
from guichet.testing.browser import axe_violations, format_violations
from guichet.testing.factories import staff_make

pytestmark = pytest.mark.browser


def check(page: Page) -> None:
    page.wait_for_selector("gcds-header.hydrated", state="attached")
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


@pytest.fixture
def manager_page(live_server, page: Page, monkeypatch):
    monkeypatch.setattr("guichet.core.clock.today", lambda: dt.date(2026, 12, 4))
    live_figures()
    client = Client()
    client.force_login(staff_make("manager"))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    return page


def test_council_report_pages(live_server, manager_page: Page):
    page = manager_page
    page.goto(f"{live_server.url}/en/staff/council-report/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Council information exchange report")
    check(page)
    page.get_by_label("First day of the period").fill("2019-01-01")
    page.get_by_label("Last day of the period").fill("2019-06-30")
    page.get_by_role("button", name="Draft the report").click()
    expect(page.locator("#error-summary")).to_contain_text("no figures for this period")
    check(page)
    page.get_by_label("First day of the period").fill("2026-06-01")
    page.get_by_label("Last day of the period").fill("2026-11-30")
    page.get_by_role("button", name="Draft the report").click()
    expect(page.get_by_role("heading", name="1. Achievements")).to_be_visible()
    check(page)
    edition_url = page.url

    page.get_by_role("link", name="Edit the sections").click()
    page.get_by_label("Challenges and needs (English)").fill(
        "- Staff turnover in the mailroom, with [[standards.backlog]] files waiting."
    )
    check(page)
    page.get_by_role("button", name="Save a new version").click()
    expect(page.get_by_text("Version 2 is saved.")).to_be_visible()
    page.get_by_role("link", name="What changed in version 2").click()
    expect(page.locator("ins").first).to_contain_text("Staff turnover")
    check(page)

    page.goto(edition_url.replace("/en/staff/council-report/", "/fr/personnel/rapport-au-conseil/"))
    expect(page.get_by_role("heading", name="1. Réalisations")).to_be_visible()
    check(page)
    page.get_by_role("link", name="Modifier les sections").click()
    check(page)
    page.goto(f"{live_server.url}/fr/personnel/rapport-au-conseil/")
    check(page)
