"""In headless Chromium: a client changes the applicant's address from the case page, meets a
postal code that is not in the province, fixes it, and sees the change in the history.
axe-core checks each page on the way."""

import pytest
from playwright.sync_api import Page, expect

from guichet.accounts.tests.conftest import PASSWORD, account_make, link_make
from guichet.clients.models import Client
from guichet.testing.browser import axe_violations, format_violations
from guichet.testing.factories import case_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{format_violations(violations)}"


def test_change_the_address_and_see_it_in_the_history(live_server, page: Page, reference_data):
    base = live_server.url
    case = case_make()
    account = account_make(email="anne@example.ca", language="fr")
    link = link_make(account, case)

    page.goto(f"{base}/fr/compte/connexion/")
    page.get_by_label("Adresse courriel").fill(account.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto(f"{base}/fr/compte/demandes/{link.pk}/")
    page.get_by_role("link", name="Changer l'adresse et les coordonnées").click()
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Changer l'adresse et les coordonnées"
    )
    accessible(page)

    page.get_by_label("Adresse (numéro et rue)").fill("1010, rue Sainte-Catherine Ouest")
    page.get_by_label("Ville ou municipalité").fill("Montréal")
    page.get_by_label("Province ou territoire").select_option("ON")
    page.get_by_label("Code postal").fill("H3B 1G4")
    page.get_by_role("button", name="Enregistrer les nouvelles coordonnées").click()
    expect(page.get_by_role("alert")).to_contain_text("Code postal")
    expect(page.get_by_role("alert")).to_contain_text("pas dans la province")
    accessible(page)
    assert Client.objects.get(pk=case.client_id).postal_code == ""

    page.get_by_label("Province ou territoire").select_option("QC")
    page.get_by_role("button", name="Enregistrer les nouvelles coordonnées").click()
    expect(page.get_by_text("Vos nouvelles coordonnées sont enregistrées")).to_be_visible()
    expect(page.locator("table")).to_contain_text(
        "Votre adresse ou vos coordonnées ont été changées"
    )
    accessible(page)
    client = Client.objects.get(pk=case.client_id)
    assert (client.city, client.province, client.postal_code) == ("Montréal", "QC", "H3B 1G4")
