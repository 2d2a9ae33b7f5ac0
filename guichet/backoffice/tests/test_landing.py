"""After signing in, each role lands on its own tool; the staff menu lists every tool the
role may use and none it may not."""

import pytest
from django.test import Client as HttpClient

from guichet.testing.factories import staff_make

pytestmark = pytest.mark.django_db

LANDING = {
    "mailroom": "/en/mailroom/",
    "officer": "/en/staff/cases/",
    "agent": "/en/contact-centre/",
    "manager": "/en/staff/standards/",
    "administrator": "/en/admin/",
}
MENU = {
    "mailroom": ["mailroom"],
    "officer": ["search"],
    "agent": ["search", "desktop", "questions"],
    "manager": [
        "search", "desktop", "questions", "metrics", "standards", "satisfaction", "council-report",
    ],
    "administrator": [
        "mailroom", "search", "desktop", "questions", "metrics", "standards", "satisfaction",
        "council-report",
        "admin",
    ],
}  # fmt: skip
TOOL_URLS = {
    "mailroom": "/en/mailroom/",
    "search": "/en/staff/cases/",
    "desktop": "/en/contact-centre/",
    "questions": "/en/contact-centre/questions/",
    "metrics": "/en/contact-centre/metrics/",
    "standards": "/en/staff/standards/",
    "satisfaction": "/en/staff/satisfaction/",
    "council-report": "/en/staff/council-report/",
    "admin": "/en/admin/",
}


def staff(role: str):
    user = staff_make(role)
    if role == "administrator":  # as manage.py demo_accounts makes them
        user.is_staff = True
        user.is_superuser = True
        user.save()
    return user


@pytest.mark.parametrize("role", list(LANDING))
def test_each_role_lands_on_its_own_tool_and_it_opens(role):
    user = staff(role)
    http = HttpClient()
    http.force_login(user)
    response = http.post(
        "/en/staff/sign-in/", {"username": user.username, "password": "a-long-test-password"}
    )
    assert response.status_code == 302
    assert response["Location"] == LANDING[role]
    assert http.get(response["Location"]).status_code == 200  # never a 403
    assert http.get("/en/staff/")["Location"] == LANDING[role]


@pytest.mark.parametrize("role", list(MENU))
def test_the_menu_lists_exactly_the_tools_the_role_may_use(role):
    http = HttpClient()
    http.force_login(staff(role))
    # The Django admin has its own layout: read the menu on a Guichet page.
    page = http.get(LANDING[role] if role != "administrator" else "/en/staff/cases/").text
    menu = page.split('class="g-menu__staff"')[1].split("</nav>")[0]
    shown = [code for code in TOOL_URLS if f'data-tool="{code}"' in menu]
    assert shown == MENU[role]
    for code, url in TOOL_URLS.items():
        status = http.get(url).status_code
        if code in MENU[role]:
            assert status == 200, (role, url)
        else:
            assert status in (302, 403), (role, url)  # the admin sends to its own sign-in


def test_the_french_menu_and_landing_are_in_french():
    http = HttpClient()
    user = staff("mailroom")
    http.force_login(user)
    response = http.post(
        "/fr/personnel/connexion/",
        {"username": user.username, "password": "a-long-test-password"},
    )
    assert response["Location"] == "/fr/salle-du-courrier/"
    page = http.get("/fr/salle-du-courrier/").text
    assert ">Salle du courrier</a>" in page
