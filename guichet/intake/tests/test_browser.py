"""The intake pages in headless Chromium, in French, with axe-core on each page."""

from __future__ import annotations

import io
import re

import pytest
from django.contrib.auth.models import Group, Permission
from django.test import Client
from PIL import Image
from playwright.sync_api import Page, expect

from guichet.core.roles import MAILROOM
from guichet.testing.browser import axe_violations, format_violations
from guichet.testing.factories import staff_make

pytestmark = [
    pytest.mark.browser,
    pytest.mark.django_db(transaction=True),
    pytest.mark.usefixtures("reference_data"),
]


def accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{format_violations(violations)}"


def sign_in_as_clerk(page: Page, live_server) -> None:
    group, _created = Group.objects.get_or_create(name=MAILROOM)
    group.permissions.add(Permission.objects.get(codename="register_paper_receipt"))
    clerk = staff_make(MAILROOM, username="commis")  # with its authenticator: two-step is required
    client = Client()
    client.force_login(clerk)
    page.context.add_cookies(
        [{"name": "sessionid", "value": client.cookies["sessionid"].value, "url": live_server.url}]
    )


def focused_name(page: Page) -> str:
    return page.evaluate("() => document.activeElement && document.activeElement.name")


def test_the_mailroom_scan_flow_in_french(page: Page, live_server):
    sign_in_as_clerk(page, live_server)
    page.goto(live_server.url + "/fr/salle-du-courrier/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Salle du courrier")
    assert focused_name(page) == "package_barcode"
    accessible(page)

    # The scanner types the barcode, then Enter.
    page.keyboard.type("COLIS-0001")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert focused_name(page) == "family_name"
    page.select_option("#id_service_code", "spouse-in-canada")
    page.keyboard.type("Tremblay")
    page.fill("#id_given_names", "Léa")
    page.fill("#id_date_of_birth", "1991-07-12")
    page.check("#id_sex_0")
    page.check("#id_preferred_language_1")
    page.fill("#id_phone", "819 555 0142")
    page.focus("#id_phone")
    with page.expect_navigation():
        page.keyboard.press("Enter")

    confirmation = page.locator("#confirmation")
    expect(confirmation).to_contain_text("Enregistré")
    number = re.search(r"P\d{9}", confirmation.inner_text()).group(0)
    assert focused_name(page) == "package_barcode"  # ready for the next package
    expect(page.locator("table")).to_contain_text(number)
    accessible(page)

    # A mistake is named on its field, and the page stays accessible.
    page.keyboard.type("COLIS-0002")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    page.fill("#id_family_name", "Roy")
    page.fill("#id_given_names", "Luc")
    page.fill("#id_date_of_birth", "2999-01-01")
    with page.expect_navigation():
        page.get_by_role("button", name="Enregistrer le colis").click()
    expect(page.locator("#error-summary")).to_contain_text("avenir")
    accessible(page)


def photo_file(tmp_path) -> str:
    path = tmp_path / "photo.png"
    buffer = io.BytesIO()
    Image.new("RGB", (600, 800), (210, 190, 170)).save(buffer, format="PNG")
    path.write_bytes(buffer.getvalue())
    return str(path)


def test_a_pr_card_application_in_french(page: Page, live_server, tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path
    page.goto(live_server.url + "/fr/carte-rp/")
    accessible(page)
    page.get_by_role("link", name="Commencer votre demande").click()

    expect(page.locator("gcds-stepper")).to_have_attribute("current-step", "1")
    accessible(page)
    page.check("#id_kind_0")
    page.get_by_role("button", name="Continuer").click()

    page.fill("#id_family_name", "Gagnon")
    page.fill("#id_given_names", "Sophie")
    page.fill("#id_date_of_birth", "1979-10-03")
    page.check("#id_sex_0")
    page.fill("#id_uci", "10-0000-0008")
    page.fill("#id_pr_since", "2012-05-14")
    page.check("#id_name_changed_1")
    accessible(page)
    page.get_by_role("button", name="Continuer").click()

    page.check("#id_preferred_language_1")
    page.fill("#id_email", "sophie@example.ca")
    page.fill("#id_address_line", "45, rue des Érables")
    page.fill("#id_city", "Gatineau")
    page.select_option("#id_province", "QC")
    page.fill("#id_postal_code", "J8Y 3R5")
    accessible(page)
    page.get_by_role("button", name="Continuer").click()

    page.fill("#id_days_in_canada", "1200")
    accessible(page)
    page.get_by_role("button", name="Continuer").click()

    page.set_input_files("#id_photo", photo_file(tmp_path))
    accessible(page)
    page.get_by_role("button", name="Continuer").click()

    expect(page.locator("gcds-stepper")).to_have_attribute("current-step", "6")
    expect(page.locator(".g-checklist")).to_contain_text("des deux côtés de votre carte")
    accessible(page)
    page.check("#id_declaration")
    page.get_by_role("button", name="Soumettre votre demande").click()

    expect(page.get_by_role("heading", level=1)).to_contain_text("Votre demande a été soumise")
    assert re.search(r"E\d{9}", page.locator("[role=status]").inner_text())
    assert "Gagnon" not in page.url and "sophie" not in page.url
    accessible(page)


def test_the_visitor_visa_questions_in_french(page: Page, live_server):
    page.goto(live_server.url + "/fr/visa-visiteur/")
    accessible(page)
    page.check("#q-purpose-family")
    page.check("#q-under_18-no")
    page.get_by_role("button", name="Continuer").click()
    expect(page.locator("#q-host_status")).to_be_visible()
    accessible(page)
