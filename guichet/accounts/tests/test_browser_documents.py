"""In headless Chromium: the officer asks for a document, the client sends a wrong file then
the right one in French from the case page, the officer opens the case page, refuses, then
accepts, and the step moves on. axe-core checks each page on the way."""

import re

import pytest
from playwright.sync_api import Page, expect

from guichet.accounts.tests.conftest import BORN, PASSWORD, account_make, link_make
from guichet.cases.models import CaseStep
from guichet.documents.models import DocumentFile
from guichet.documents.services import document_request_open
from guichet.documents.tests.conftest import media_in_tmp, pdf_bytes  # noqa: F401
from guichet.testing.browser import axe_violations, format_violations
from guichet.testing.factories import case_make, client_make, staff_code, staff_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
STAFF_PASSWORD = "a-long-test-password"
ASK = "Envoyez une copie de votre certificat de mariage."


def accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{format_violations(violations)}"


def staff_sign_in(page: Page, base: str, username: str) -> None:
    from django.contrib.auth.models import User

    page.goto(f"{base}/fr/personnel/connexion/")
    page.locator("#id_username").fill(username)
    page.locator("#id_password").fill(STAFF_PASSWORD)
    page.locator("form button[type=submit]").last.click()
    expect(page).to_have_url(re.compile(r"/personnel/deux-etapes/"))
    page.locator("#id_token").fill(staff_code(User.objects.get(username=username)))
    page.locator("main form button[type=submit]").click()
    page.wait_for_url(re.compile(r"/personnel/dossiers/$"))


def test_a_document_is_asked_sent_refused_sent_again_and_accepted(
    live_server, page: Page, reference_data
):
    base = live_server.url
    officer = staff_make("officer", username="o.leblanc", password=STAFF_PASSWORD)
    case = case_make(
        client=client_make(
            family_name="Tremblay-Gagné", given_names="Marie-Ève", date_of_birth=BORN
        )
    )
    document_request_open(
        case_id=case.pk, step_code="completeness-check", description=ASK, actor=officer
    )
    account = account_make(email="marie-eve@example.ca", language="fr")
    link = link_make(account, case)

    # The client signs in (in French) and reads what is asked on the case page.
    page.goto(f"{base}/fr/compte/connexion/")
    page.get_by_label("Adresse courriel").fill(account.email)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    page.goto(f"{base}/fr/compte/demandes/{link.pk}/")
    expect(page.get_by_role("heading", name="Documents que nous avons demandés")).to_be_visible()
    expect(page.get_by_text(ASK).first).to_be_visible()
    accessible(page)

    # A wrong file first: the error names the field, in French, and is accessible.
    field = page.get_by_label("Fichier (PDF, JPEG ou PNG)")
    field.set_input_files(
        {"name": "lettre.pdf", "mimeType": "application/pdf", "buffer": b"<script>x</script>"}
    )
    page.get_by_role("button", name="Envoyer ce fichier").click()
    expect(page.get_by_role("alert")).to_contain_text("Fichier (PDF, JPEG ou PNG)")
    expect(page.get_by_role("alert")).to_contain_text("doit être un fichier PDF, JPEG ou PNG")
    accessible(page)
    assert not DocumentFile.objects.exists()

    page.get_by_label("Fichier (PDF, JPEG ou PNG)").set_input_files(
        {"name": "certificat.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    page.get_by_role("button", name="Envoyer ce fichier").click()
    expect(page.get_by_text("Nous avons reçu votre fichier.")).to_be_visible()
    accessible(page)
    assert DocumentFile.objects.count() == 1

    # The officer sees the file on the case page and refuses it, with a reason.
    staff = page.context.browser.new_page()  # type: ignore[union-attr]
    staff_sign_in(staff, base, "o.leblanc")
    staff.goto(f"{base}/fr/personnel/dossiers/{case.pk}/")
    expect(staff.get_by_role("heading", name="Documents demandés")).to_be_visible()
    accessible(staff)
    staff.get_by_label(re.compile("^Raison du refus")).fill("La copie est illisible.")
    staff.get_by_role("button", name="Ne pas accepter les documents").click()
    expect(staff.get_by_text("Les documents ne sont pas acceptés.")).to_be_visible()

    # The client reads why, and sends again.
    page.reload()
    expect(page.get_by_text("La copie est illisible.").first).to_be_visible()
    accessible(page)
    page.get_by_label("Fichier (PDF, JPEG ou PNG)").set_input_files(
        {"name": "certificat.pdf", "mimeType": "application/pdf", "buffer": pdf_bytes()}
    )
    page.get_by_role("button", name="Envoyer ce fichier").click()
    expect(page.get_by_text("Nous avons reçu votre fichier.")).to_be_visible()

    staff.reload()
    staff.get_by_role("button", name="Accepter les documents et faire avancer l'étape").click()
    expect(staff.get_by_text("Les documents sont acceptés")).to_be_visible()
    accessible(staff)
    staff.close()
    assert CaseStep.objects.get(case=case, step_type__code="completeness-check").state == (
        "in_progress"
    )
    page.reload()
    expect(page.get_by_role("button", name="Envoyer ce fichier")).to_have_count(0)
    accessible(page)
