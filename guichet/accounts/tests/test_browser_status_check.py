"""The public status check in headless Chromium, in English and French: a client without an
account reaches it from the home page, sees every field's error at once, then the status;
axe-core finds no serious or critical violation on the form, the errors or the answer; the
details never appear in the address bar."""

import pytest
from playwright.sync_api import Page, expect

from guichet.accounts.tests.conftest import BORN
from guichet.status.selectors import case_status_get
from guichet.testing.browser import axe_violations, format_violations
from guichet.testing.factories import case_make, client_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TEXT = {
    "en": {
        "link": "Check the status of an application",
        "number": "Application number",
        "name": "Family name",
        "born": "Date of birth",
        "submit": "Check the status",
        "problem": "There is a problem",
    },
    "fr": {
        "link": "Vérifier l'état d'une demande",
        "number": "Numéro de demande",
        "name": "Nom de famille",
        "born": "Date de naissance",
        "submit": "Vérifier l'état",
        "problem": "Il y a un problème",
    },
}


def accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{format_violations(violations)}"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_client_without_an_account_checks_a_status(
    live_server, page: Page, reference_data, language
):
    case = case_make(
        service_code="spouse-in-canada",
        channel="paper",
        client=client_make(
            family_name="Tremblay-Gagné", given_names="Marie-Ève", date_of_birth=BORN
        ),
    )
    text = TEXT[language]
    page.goto(f"{live_server.url}/{language}/")
    page.get_by_role("link", name=text["link"]).first.click()
    expect(page.get_by_role("heading", level=1)).to_have_text(text["link"])
    accessible(page)

    # Every wrong field at once, each named, in the page's language.
    page.get_by_label(text["number"]).fill("X12")
    page.get_by_label(text["born"]).fill("14/03/1985")
    page.get_by_role("button", name=text["submit"]).click()
    summary = page.locator(".g-error-summary")
    expect(summary).to_contain_text(text["problem"])
    expect(summary.locator("li")).to_have_count(3)
    accessible(page)

    page.get_by_label(text["number"]).fill(case.application_number)
    page.get_by_label(text["name"]).fill("tremblay gagne")
    page.get_by_label(text["born"]).fill(BORN.isoformat())
    page.get_by_role("button", name=text["submit"]).click()
    status = case_status_get(case_id=case.pk, language=language)
    expect(page.get_by_role("heading", level=1)).to_have_text(status.service_name)
    for step in status.steps:
        expect(page.get_by_role("heading", level=3, name=step.name).first).to_be_visible()
    assert case.application_number not in page.url
    assert "1985" not in page.url
    accessible(page)
