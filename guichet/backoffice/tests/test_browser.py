"""In headless Chromium: an officer signs in, finds a case, opens it, advances a step and sees
the change in the timeline in English, then in French; the case page passes axe-core."""

import re

import pytest
from playwright.sync_api import Page, expect

from guichet.testing.browser import axe_violations, format_violations
from guichet.testing.factories import case_make, client_make, staff_code, staff_make

pytestmark = pytest.mark.browser

PASSWORD = "a-long-test-password"


def components_ready(page: Page) -> None:
    """Wait for the GC Design System components to render, so axe sees the finished page."""
    page.wait_for_selector("gcds-header.hydrated", state="attached")
    page.wait_for_selector("gcds-footer.hydrated", state="attached")


def enter_code(page: Page, username: str) -> None:
    """The second sign-in step: the code the staff member's authenticator shows now."""
    from django.contrib.auth.models import User

    expect(page).to_have_url(re.compile(r"/(staff/two-step|personnel/deux-etapes)/"))
    components_ready(page)
    violations = axe_violations(page)
    assert not violations, format_violations(violations)
    page.locator("#id_token").fill(staff_code(User.objects.get(username=username)))
    page.locator("main form button[type=submit]").click()


@pytest.fixture
def officer_case(reference_data):
    staff_make("officer", username="o.leblanc", password=PASSWORD)
    return case_make(
        service_code="spouse-in-canada",
        channel="paper",
        client=client_make(family_name="Côté-Nguyen", given_names="Anne-Marie"),
    )


def test_officer_advances_a_step_and_sees_it_in_both_languages(
    live_server, page: Page, officer_case
):
    case = officer_case
    page.goto(f"{live_server.url}/en/staff/cases/")
    # Not signed in: the sign-in page, which returns to the search afterwards.
    expect(page).to_have_url(re.compile(r"/en/staff/sign-in/\?next="))
    page.get_by_label("Username").fill("o.leblanc")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    enter_code(page, "o.leblanc")
    expect(page.get_by_role("heading", level=1)).to_have_text("Find a case")

    # An exact application number opens the case directly.
    page.get_by_role("textbox", name="Application number").fill(case.application_number.lower())
    page.get_by_role("button", name="Search by application number").click()

    expect(page).to_have_url(f"{live_server.url}/en/staff/cases/{case.pk}/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Case {case.application_number}")
    expect(page.get_by_text("Côté-Nguyen, Anne-Marie")).to_be_visible()

    new_state = page.get_by_label("New state for “Completeness check”")
    new_state.select_option("completed")
    page.locator("form", has=new_state).get_by_role("button", name="Move this step").click()

    expect(page.get_by_role("status").first).to_contain_text(
        "The step “Completeness check” is now “Completed”."
    )
    latest = page.locator("#timeline tbody tr").first
    expect(latest).to_contain_text("o.leblanc")
    expect(latest).to_contain_text("Completeness check")
    expect(latest).to_contain_text("In progress → Completed")

    page.get_by_role("link", name="Français").click()
    expect(page).to_have_url(f"{live_server.url}/fr/personnel/dossiers/{case.pk}/")
    expect(page.locator("html")).to_have_attribute("lang", "fr")
    expect(page.get_by_role("heading", name="Chronologie")).to_be_visible()
    latest = page.locator("#timeline tbody tr").first
    expect(latest).to_contain_text("o.leblanc")
    expect(latest).to_contain_text("Vérification de la demande complète")
    expect(latest).to_contain_text("En cours → Terminée")


@pytest.mark.parametrize("language", ["en", "fr"])
def test_case_page_has_no_serious_accessibility_violations(
    live_server, page: Page, officer_case, language
):
    case = officer_case
    path = {"en": "/en/staff/sign-in/", "fr": "/fr/personnel/connexion/"}[language]
    page.goto(live_server.url + path)
    components_ready(page)
    violations = axe_violations(page)
    assert not violations, format_violations(violations)

    page.locator("#id_username").fill("o.leblanc")
    page.locator("#id_password").fill(PASSWORD)
    page.locator("form button[type=submit]").last.click()
    enter_code(page, "o.leblanc")
    page.wait_for_url(re.compile(r"/(staff/cases|personnel/dossiers)/$"))
    case_path = {"en": "/en/staff/cases/", "fr": "/fr/personnel/dossiers/"}[language]
    page.goto(f"{live_server.url}{case_path}{case.pk}/")
    components_ready(page)
    expect(page.locator("html")).to_have_attribute("lang", language)
    violations = axe_violations(page)
    assert not violations, format_violations(violations)


LANDING = {
    "mailroom": ("/en/mailroom/", ["Mailroom"]),
    "officer": ("/en/staff/cases/", ["Find a case", "Possible duplicates"]),
    "agent": ("/en/contact-centre/", ["Find a case", "Agent desktop", "Web questions"]),
    "manager": (
        "/en/staff/standards/",
        [
            "Find a case",
            "Agent desktop",
            "Web questions",
            "Channel metrics",
            "Service standards",
            "Client satisfaction",
            "Council report",
            "Possible duplicates",
        ],
    ),
    "administrator": ("/en/admin/", None),  # the Django admin has its own layout
}


@pytest.mark.parametrize("role", list(LANDING))
def test_each_role_signs_in_onto_its_own_tool(live_server, page: Page, reference_data, role):
    """From the sign-in page, through the code step, onto the role's tool: no 403, the menu
    lists the role's tools, and the pages pass axe-core."""
    user = staff_make(role, username=f"{role}.demo", password=PASSWORD)
    if role == "administrator":
        user.is_staff = user.is_superuser = True
        user.save()
    page.goto(f"{live_server.url}/en/staff/sign-in/")
    components_ready(page)
    assert not axe_violations(page)
    page.get_by_label("Username").fill(user.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()
    enter_code(page, user.username)
    path, tools = LANDING[role]
    expect(page).to_have_url(f"{live_server.url}{path}")
    assert "403" not in page.title() and "Forbidden" not in page.content()
    if tools is not None:
        components_ready(page)
        menu = page.locator("nav.g-menu__staff a")
        expect(menu).to_have_text(tools)
        violations = axe_violations(page)
        assert not violations, format_violations(violations)
