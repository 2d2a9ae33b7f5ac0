"""The public status check in a real browser (issue 9.1), in English and in French: a mistake
first (every wrong field named in the summary, linked to its field), then the right details
and the case's steps. axe-core checks each page (no serious or critical violation), and the
details never reach the address bar."""

import pytest
from playwright.sync_api import Page, expect

from guichet.accounts.tests.conftest import BORN
from guichet.status.selectors import case_status_get
from guichet.testing.browser import axe_violations, format_violations
from guichet.testing.factories import case_make, client_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WORDS = {
    "en": {
        "path": "/en/application-status/",
        "number": "Application number",
        "name": "Family name",
        "born": "Date of birth",
        "button": "Check the status",
        "required": "This field is required.",
    },
    "fr": {
        "path": "/fr/etat-de-la-demande/",
        "number": "Numéro de demande",
        "name": "Nom de famille",
        "born": "Date de naissance",
        "button": "Vérifier l’état",
        "required": "Ce champ est obligatoire.",
    },
}


def accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{format_violations(violations)}"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_check_a_status_without_an_account(live_server, page: Page, reference_data, language):
    case = case_make(
        service_code="spouse-in-canada",
        channel="paper",
        client=client_make(
            family_name="Tremblay-Gagné", given_names="Marie-Ève", date_of_birth=BORN
        ),
    )
    words = WORDS[language]
    page.goto(f"{live_server.url}{words['path']}")
    expect(page.locator("html")).to_have_attribute("lang", language)
    accessible(page)

    # Everything wrong at once: each field is named in the summary, with its own message.
    page.get_by_label(words["number"]).fill("X12")
    page.get_by_role("button", name=words["button"]).click()
    summary = page.locator(".g-error-summary")
    expect(summary).to_be_visible()
    for label in (words["number"], words["name"], words["born"]):
        expect(summary).to_contain_text(label)
    expect(summary).to_contain_text(words["required"])
    # "Label : error" in French with a non-breaking space, "Label: error" in English.
    colon = "\u00a0:" if language == "fr" else ":"
    assert f"{words['name']}{colon} " in summary.inner_text().replace("\u202f", "\u00a0")
    assert "?:" not in summary.inner_text()
    expect(page.locator('[aria-invalid="true"]')).to_have_count(3)
    accessible(page)

    page.get_by_label(words["number"]).fill(case.application_number)
    page.get_by_label(words["name"]).fill("tremblay gagne")
    page.get_by_label(words["born"]).fill(BORN.isoformat())
    page.get_by_role("button", name=words["button"]).click()
    status = case_status_get(case_id=case.pk, language=language)
    expect(page.get_by_role("heading", level=1)).to_have_text(status.service_name)
    for step in status.steps:
        expect(page.locator("main")).to_contain_text(step.name)
    assert case.application_number not in page.url
    assert "tremblay" not in page.url.lower()
    assert page.url == f"{live_server.url}{words['path']}"
    accessible(page)
