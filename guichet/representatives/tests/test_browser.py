"""In headless Chromium, in English and French: a representative signs up, sets up the
required two-step verification, waits for staff (who verify them on the staff page), is
authorised by a client online, sees the workspace with the "action required" flag, opens
the case and sends the requested document; the client sees the accesses and revokes, and the
representative loses the case at once. A clerk records a paper form. axe-core checks every
page on the way."""

import re

import pytest
from django_otp.oath import TOTP
from playwright.sync_api import Page, expect

from guichet.accounts.tests.conftest import PASSWORD as CLIENT_PASSWORD
from guichet.accounts.tests.conftest import account_make, link_make
from guichet.core import clock
from guichet.documents.models import DocumentFile
from guichet.documents.services import document_request_open
from guichet.documents.tests.conftest import pdf_bytes
from guichet.representatives.models import Representative
from guichet.representatives.tests.conftest import PASSWORD
from guichet.testing.browser import axe_violations, format_violations
from guichet.testing.factories import case_make, staff_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
STAFF_PASSWORD = "a-long-test-password"

WORDS = {
    "en": {
        "rep": "representative",
        "account": "account",
        "staff": "staff",
        "sign_in": "sign-in",
        "two_step": "two-step",
        "cases": "cases",
        "applications": "applications",
        "representatives": "representatives",
        "open": "Open the account",
        "turn_on": "Turn on two-step verification",
        "authorise": "Authorise",
        "verify": "Verify",
        "send": "Send the document",
        "revoke": "Revoke the authorisation of",
        "record": "Record the form",
        "action": "Action required",
        "viewed": "Viewed the application",
        "contact": "contact-details",
    },
    "fr": {
        "rep": "representant",
        "account": "compte",
        "staff": "personnel",
        "sign_in": "connexion",
        "two_step": "deux-etapes",
        "cases": "dossiers",
        "applications": "demandes",
        "representatives": "representants",
        "open": "Ouvrir le compte",
        "turn_on": "Activer la vérification en deux étapes",
        "authorise": "Autoriser",
        "verify": "Vérifier",
        "send": "Envoyer le document",
        "revoke": "Révoquer l'autorisation de",
        "record": "Saisir le formulaire",
        "action": "Action requise",
        "viewed": "A consulté la demande",
        "contact": "coordonnees",
    },
}


def accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{format_violations(violations)}"


def code_from_secret(page: Page) -> str:
    import base64

    secret = page.locator("figcaption .g-mono").inner_text().replace(" ", "")
    key = base64.b32decode(secret + "=" * (-len(secret) % 8))
    totp = TOTP(key, 30, 0, 6, 0)
    totp.time = clock.now().timestamp()
    return f"{totp.token():06d}"


@pytest.mark.parametrize("language", ["en", "fr"])
def test_a_representative_from_sign_up_to_revoked_consent(
    live_server,
    page: Page,
    reference_data,
    media_in_tmp,
    language,
):
    w = WORDS[language]
    base = f"{live_server.url}/{language}"
    case = case_make()
    officer = staff_make("officer", username="o.roy", password=STAFF_PASSWORD)
    document_request_open(
        case_id=case.pk, step_code="completeness-check", description="Passport", actor=officer
    )

    # Sign-up, with a refusal shown on the field first.
    page.goto(f"{base}/{w['rep']}/{'sign-up' if language == 'en' else 'inscription'}/")
    accessible(page)
    page.locator("#id_family_name").fill("Bouchard")
    page.locator("#id_given_names").fill("Anne")
    page.locator("#id_email").fill("anne.bouchard@example.ca")
    page.locator("#id_regulator").select_option("ls-qc")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name=w["open"]).click()
    expect(page.get_by_role("alert")).to_be_visible()
    accessible(page)
    page.locator("#id_membership_number").fill("B-4412")
    page.locator("#id_password").fill(PASSWORD)
    page.get_by_role("button", name=w["open"]).click()
    expect(page).to_have_url(re.compile(rf"/{w['rep']}/{w['sign_in']}/$"))
    accessible(page)

    # Sign-in: two-step verification must be set up before anything.
    page.locator("#id_email").fill("anne.bouchard@example.ca")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("main form button[type=submit]").first.click()  # the page-feedback form follows
    expect(page).to_have_url(re.compile(rf"/{w['two_step']}/"))
    accessible(page)
    page.locator("#id_token").fill(code_from_secret(page))
    page.get_by_role("button", name=w["turn_on"]).click()
    # Not verified by staff yet: a page that says so, and nothing else.
    expect(page.locator("h1")).to_be_visible()
    assert page.locator("main").inner_text().count("Bouchard") == 0
    accessible(page)

    # A manager verifies the membership on the staff page.
    rep = Representative.objects.get()
    manager = staff_make("manager")
    staff_page = page.context.browser.new_page()  # type: ignore[union-attr]
    staff_page.context.add_cookies([])
    from django.test import Client as HttpClient

    http = HttpClient()
    http.force_login(manager)
    staff_page.context.add_cookies(
        [{"name": "sessionid", "value": http.cookies["sessionid"].value, "url": live_server.url}]
    )
    staff_page.goto(f"{base}/{w['staff']}/{w['representatives']}/")
    accessible(staff_page)
    staff_page.get_by_role("button", name=f"{w['verify']} Bouchard").click()
    expect(staff_page.get_by_text("Bouchard")).to_have_count(0)
    # The officer records a paper form on another case.
    other = case_make()
    http.force_login(officer)
    staff_page.context.clear_cookies()
    staff_page.context.add_cookies(
        [{"name": "sessionid", "value": http.cookies["sessionid"].value, "url": live_server.url}]
    )
    staff_page.goto(f"{base}/{w['staff']}/{w['cases']}/{other.pk}/{w['representatives']}/")
    accessible(staff_page)
    staff_page.locator("#id_regulator").select_option("ls-qc")
    staff_page.locator("#id_membership_number").fill("B4412")
    staff_page.get_by_role("button", name=w["record"]).click()
    expect(staff_page.get_by_text("Bouchard")).to_be_visible()
    accessible(staff_page)
    staff_page.close()

    # The client authorises the representative online for the case.
    account = account_make(language=language)
    link = link_make(account, case)
    client_page = page.context.browser.new_page()  # type: ignore[union-attr]
    client_page.goto(f"{base}/{w['account']}/{w['sign_in']}/")
    client_page.locator("#id_username").fill(account.email)
    client_page.locator("#id_password").fill(CLIENT_PASSWORD)
    client_page.locator(
        "main form button[type=submit]"
    ).first.click()  # the page-feedback form follows
    client_page.wait_for_url(re.compile(rf"/{w['account']}/$"))
    consents = f"{base}/{w['account']}/{w['applications']}/{link.pk}/{w['representatives']}/"
    client_page.goto(consents)
    accessible(client_page)
    client_page.locator("#id_regulator").select_option("ls-qc")
    client_page.locator("#id_membership_number").fill("b4412")
    client_page.get_by_role("button", name=w["authorise"], exact=True).click()
    expect(client_page.get_by_text("Bouchard").first).to_be_visible()

    # The representative sees both cases, the flag, opens the case and sends the document.
    page.goto(f"{base}/{w['rep']}/")
    expect(page.get_by_text(case.application_number)).to_be_visible()
    expect(page.get_by_text(other.application_number)).to_be_visible()
    expect(page.locator("tbody").get_by_text(w["action"])).to_be_visible()
    accessible(page)
    page.get_by_role("link", name=case.application_number).click()
    accessible(page)
    page.locator(f"main a[href*='/{w['contact']}/']").click()
    expect(page.locator("#id_city")).to_be_visible()
    accessible(page)
    page.go_back()
    page.locator("input[type=file]").set_input_files(
        {"name": "passport.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    page.get_by_role("button", name=w["send"]).click()
    expect(page.locator(".g-messages")).to_be_visible()
    assert DocumentFile.objects.filter(uploaded_by=rep.user).count() == 1
    case_url = page.url

    # The client sees what was done, and revokes: the representative loses the case at once.
    client_page.goto(consents)
    expect(client_page.get_by_text(w["viewed"]).first).to_be_visible()
    accessible(client_page)
    client_page.get_by_role("button", name=re.compile(w["revoke"])).click()
    accessible(client_page)
    client_page.close()
    response = page.goto(case_url)
    assert response is not None and response.status == 404
    page.goto(f"{base}/{w['rep']}/")
    expect(page.get_by_text(case.application_number)).to_have_count(0)
    expect(page.get_by_text(other.application_number)).to_be_visible()
