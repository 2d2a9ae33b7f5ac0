"""In headless Chromium, with axe-core at desktop and phone widths: the public "Find a point of
service" page in both languages, and a client booking an appointment in French from their
application's page."""

import re

import pytest
from playwright.sync_api import Page, expect

from guichet.accounts.tests.conftest import PASSWORD, account_make, link_make
from guichet.appointments.models import Appointment
from guichet.appointments.services import invitation_open
from guichet.testing.browser import axe_violations, format_violations
from guichet.testing.factories import case_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{format_violations(violations)}"


@pytest.mark.parametrize(
    ("language", "address", "postal", "button", "expected"),
    [
        ("en", "/en/points-of-service/", "Postal code", "Find the nearest", "You can have"),
        ("fr", "/fr/points-de-service/", "Code postal", "Trouver le plus proche", "Vous pouvez"),
    ],
)
def test_find_a_point_of_service(
    live_server, page: Page, points, language, address, postal, button, expected
):
    page.goto(live_server.url + address)
    expect(page.locator("html")).to_have_attribute("lang", language)
    accessible(page)
    # A bad code first: the error is on the field, in the page's language.
    page.get_by_label(postal).fill("12345")
    page.get_by_role("button", name=button).click()
    expect(page.get_by_role("alert")).to_be_visible()
    accessible(page)
    page.get_by_label(postal).fill("P7B 5E1")
    page.get_by_role("button", name=button).click()
    expect(page.get_by_text(expected).first).to_be_visible()
    expect(page.get_by_role("heading", name=re.compile("Thunder Bay")).first).to_be_visible()
    accessible(page)


def test_find_abroad_in_french(live_server, page: Page, points):
    page.goto(live_server.url + "/fr/points-de-service/")
    page.get_by_label("Pays").select_option("IN")
    page.get_by_label("Ville").fill("Chandigarh")
    page.get_by_role("button", name="Trouver des centres de réception des demandes de visa").click()
    expect(
        page.get_by_role(
            "heading", name="Centre de réception des demandes de visa du Canada – Chandigarh"
        )
    ).to_be_visible()
    accessible(page)


def test_a_client_books_an_appointment_in_french(live_server, page: Page, officer, slot_make):
    base = live_server.url
    case = case_make()
    account = account_make(email="marie-eve@example.ca", language="fr")
    link = link_make(account, case)
    invitation_open(
        case_id=case.pk, appointment_type="interview", modes=["in_person"], actor=officer
    )
    slot_make()

    page.goto(f"{base}/fr/compte/connexion/")
    page.get_by_label("Adresse courriel").fill(account.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto(f"{base}/fr/compte/demandes/{link.pk}/")
    expect(page.get_by_role("heading", name="Rendez-vous")).to_be_visible()
    accessible(page)
    page.get_by_role("link", name="Réserver le rendez-vous").click()
    expect(page.get_by_role("heading", name="Réserver votre rendez-vous")).to_be_visible()
    accessible(page)
    # No time chosen: an error on the field.
    page.get_by_role("button", name="Choisir cette heure").click()
    expect(page.get_by_role("alert")).to_contain_text("Choisissez une heure")
    accessible(page)
    page.get_by_label(re.compile("heure locale à Montréal")).check()
    page.get_by_role("button", name="Choisir cette heure").click()
    expect(page.get_by_role("heading", name="Confirmer votre rendez-vous")).to_be_visible()
    accessible(page)
    page.get_by_role("button", name="Confirmer le rendez-vous").click()
    expect(page.get_by_text("Votre rendez-vous est réservé.")).to_be_visible()
    expect(page.get_by_text("Rendez-vous réservé (Entrevue)").first).to_be_visible()
    accessible(page)
    assert Appointment.objects.get(case=case).status == "booked"
