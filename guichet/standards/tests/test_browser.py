"""In headless Chromium: the public processing-times page and the managers' dashboard, in
English and French, pass axe-core (no serious or critical violation)."""

import datetime as dt

import pytest
from django.test import Client, override_settings
from playwright.sync_api import Page, expect

from guichet.catalogue.services import catalogue_load
from guichet.standards.backtest import Slowdown, backtest_run
from guichet.standards.refresh import snapshot_refresh
from guichet.standards.services import backtest_report_store
from guichet.standards.tests.helpers import decided_case, received
from guichet.testing.browser import axe_violations, format_violations
from guichet.testing.factories import staff_make

pytestmark = pytest.mark.browser


def components_ready(page: Page) -> None:
    page.wait_for_selector("gcds-header.hydrated", state="attached")
    page.wait_for_selector("gcds-footer.hydrated", state="attached")


@pytest.fixture
def figures(transactional_db):
    catalogue_load()
    with override_settings(STANDARDS_MIN_SAMPLE=2):
        for day in ("06", "11", "16", "21"):
            decided_case("2026-03-01", f"2026-03-{day}", "visitor-visa")
            decided_case("2026-01-05", f"2026-07-{day}", "spouse-in-canada")
        received("2026-02-01", "spouse-in-canada")
        # A saved backtest, with a slow-down scenario, for the dashboard's track record.
        results = [
            backtest_run(as_of=dt.date(2026, 3, 10)),
            backtest_run(as_of=dt.date(2026, 3, 10), slowdown=Slowdown("visitor-visa", -28)),
        ]
        backtest_report_store(
            data_until=results[0].data_until, results=[r.to_json() for r in results]
        )
        return snapshot_refresh()


def check(page: Page) -> None:
    components_ready(page)
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


def test_public_processing_times_page(live_server, page: Page, figures):
    page.goto(f"{live_server.url}/en/processing-times/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Processing times")
    page.get_by_label("Choose a service").select_option("visitor-visa")
    page.get_by_role("button", name="Show processing times").click()
    expect(page.get_by_role("heading", level=2, name="Visitor visa")).to_be_visible()
    check(page)
    page.goto(f"{live_server.url}/fr/delais-de-traitement/?service=spouse-in-canada")
    expect(page.get_by_role("heading", level=1)).to_have_text("Délais de traitement")
    check(page)


def test_manager_dashboard(live_server, page: Page, figures):
    client = Client()
    client.force_login(staff_make("manager"))
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )
    page.goto(f"{live_server.url}/en/staff/standards/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Service standards dashboard")
    expect(page.get_by_role("heading", name="Compliance with service standards")).to_be_visible()
    expect(page.get_by_role("heading", name="How far the forecasts can be trusted")).to_be_visible()
    expect(page.locator("#backtest table")).to_be_visible()
    check(page)
    page.goto(f"{live_server.url}/fr/personnel/normes/?service=spouse-in-canada")
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Tableau de bord des normes de service"
    )
    check(page)
    page.goto(f"{live_server.url}/fr/personnel/normes/dossiers-a-risque/")
    check(page)
