"""The client's journey in a real browser: sign up, confirm the address from the message in
the outbox, sign in, link a paper application in French, read its status, turn on updates.
axe-core checks every page on the way (no serious or critical violation)."""

import re

import pytest
from playwright.sync_api import Page, expect

from guichet.accounts.models import CaseLink
from guichet.accounts.tests.conftest import BORN, PASSWORD
from guichet.notifications.models import Notification
from guichet.status.selectors import case_status_get
from guichet.testing.browser import axe_violations, format_violations
from guichet.testing.factories import case_make, client_make

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
EMAIL = "marie-eve@example.ca"


def accessible(page: Page) -> None:
    violations = axe_violations(page)
    assert not violations, f"{page.url}\n{format_violations(violations)}"


def message_link(purpose: str) -> str:
    body = Notification.objects.filter(purpose=purpose).latest("id").body
    match = re.search(r"https?://[^/\s]+(/\S+)", body)
    assert match, body
    return match.group(1)


def test_sign_up_link_in_french_and_follow_the_status(live_server, page: Page, reference_data):
    case = case_make(
        service_code="spouse-in-canada",
        channel="paper",
        client=client_make(
            family_name="Tremblay-Gagné", given_names="Marie-Ève", date_of_birth=BORN
        ),
    )
    base = live_server.url

    # Sign up, with a mistake first: the errors are named and accessible.
    page.goto(f"{base}/en/account/sign-up/")
    accessible(page)
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill("something else")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("alert")).to_contain_text("The two passwords are not the same.")
    accessible(page)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_label("Password again").fill(PASSWORD)
    page.get_by_label("Language for messages from us").select_option("fr")
    page.get_by_role("button", name="Create my account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    accessible(page)

    # The confirmation link, as the message in the outbox gives it (in French).
    link = message_link("account_email_verification")
    assert link.startswith("/fr/compte/confirmer-courriel/")
    page.goto(base + link)
    expect(page.get_by_role("heading", level=1)).to_have_text("Connexion à votre compte")
    expect(page.get_by_text("Votre adresse courriel est confirmée.")).to_be_visible()
    accessible(page)

    # Sign in (in French now), then link the paper application.
    page.get_by_label("Adresse courriel").fill(EMAIL)
    page.get_by_label("Mot de passe").fill(PASSWORD)
    page.get_by_role("button", name="Se connecter").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Mes demandes")
    accessible(page)
    page.get_by_role("link", name="Ajouter une demande").first.click()
    assert page.url.endswith("/fr/compte/demandes/ajouter/")
    accessible(page)
    number_form = page.locator("form", has=page.locator("input[name='route'][value='number']"))
    number_form.get_by_label("Numéro de demande").fill(case.application_number)
    number_form.get_by_label("Nom de famille").fill("Gagnon")
    number_form.get_by_label("Date de naissance").fill(BORN.isoformat())
    number_form.get_by_role("button", name="Ajouter cette demande").click()
    expect(page.get_by_role("alert")).to_contain_text("Nous n'avons trouvé aucune demande")
    accessible(page)
    number_form.get_by_label("Nom de famille").fill("TREMBLAY GAGNE")
    number_form.get_by_role("button", name="Ajouter cette demande").click()

    # The status page: every step with its sentence, the history, the update choices.
    link_id = CaseLink.objects.get().pk
    assert page.url.endswith(f"/fr/compte/demandes/{link_id}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Époux ou conjoint de fait au Canada")
    status = case_status_get(case_id=case.pk, language="fr")
    for step in status.steps:
        expect(page.get_by_role("heading", name=step.name, exact=True)).to_be_visible()
    expect(page.get_by_text(status.steps[0].message).first).to_be_visible()
    expect(page.get_by_role("table")).to_contain_text(status.history[0].message)
    accessible(page)
    page.get_by_label(re.compile("^Par courriel")).check()
    page.get_by_role("button", name="Enregistrer mes choix").click()
    expect(page.get_by_text("Vos choix sont enregistrés.")).to_be_visible()
    assert CaseLink.objects.get().notify_email

    # The account page and two-step set-up are accessible too.
    page.get_by_role("link", name="Renseignements du compte et sécurité").click()
    accessible(page)
    page.get_by_role("link", name="Activer la vérification en deux étapes").click()
    expect(page.get_by_role("img", name=re.compile("Code QR"))).to_be_visible()
    accessible(page)


def test_forgotten_password_pages(live_server, page: Page, reference_data):
    from guichet.accounts.tests.conftest import account_make

    account_make(email=EMAIL)
    base = live_server.url
    page.goto(f"{base}/en/account/sign-in/")
    accessible(page)
    page.get_by_role("link", name="Forgot your password?").click()
    accessible(page)
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_role("button", name="Send me a link").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    accessible(page)
    page.goto(base + message_link("account_password_reset"))
    accessible(page)
    page.get_by_label("New password", exact=True).fill("a-brand-new-password-7")
    page.get_by_label("New password again").fill("a-brand-new-password-7")
    page.get_by_role("button", name="Save my new password").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to your account")
    page.get_by_label("E-mail address").fill(EMAIL)
    page.get_by_label("Password").fill("a-brand-new-password-7")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My applications")
    page.goto(f"{base}/en/account/confirm-email/xx/yy/")
    accessible(page)
