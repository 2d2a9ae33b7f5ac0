"""In headless Chromium: a client whose application was decided signs in in French, finds the
letters on the case page and downloads the acknowledgement and the decision as PDFs. axe-core
checks the page."""

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from guichet.accounts.tests.conftest import BORN, PASSWORD, account_make, link_make
from guichet.cases.services import case_decide
from guichet.documents.tests.conftest import media_in_tmp  # noqa: F401
from guichet.testing.browser import axe_violations, format_violations
from guichet.testing.factories import case_make, client_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_the_client_downloads_the_acknowledgement_and_the_decision(
    live_server, page: Page, reference_data
):
    base = live_server.url
    case = case_make(
        client=client_make(family_name="Bélanger", given_names="Zoé", date_of_birth=BORN)
    )
    case_decide(case_id=case.pk, outcome="withdrawn", actor=None)
    account = account_make(email="zoe@example.ca", language="fr")
    link = link_make(account, case)

    page.goto(f"{base}/fr/compte/connexion/")
    page.get_by_label("Adresse courriel").fill(account.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto(f"{base}/fr/compte/demandes/{link.pk}/")
    expect(page.get_by_role("heading", name="Lettres que nous vous avons envoyées")).to_be_visible()
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    texts = {}
    for name in ("Accusé de réception", "Lettre de décision"):
        with page.expect_download() as download:
            page.get_by_role("link", name=name).click()
        assert download.value.suggested_filename.endswith(".pdf")
        reader = PdfReader(download.value.path())
        texts[name] = reader.pages[0].extract_text()
    assert "Accusé de réception" in texts["Accusé de réception"]
    assert case.application_number in texts["Accusé de réception"]
    assert "Décision concernant votre demande" in texts["Lettre de décision"]
