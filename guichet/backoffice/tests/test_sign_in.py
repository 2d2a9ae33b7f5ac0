"""Staff sign in and out with our pages, in either language."""

import pytest
from django.test import Client as HttpClient

from guichet.testing.factories import staff_code, staff_make

pytestmark = pytest.mark.django_db


def test_sign_in_asks_for_the_code_then_leads_to_the_search_page():
    officer = staff_make("officer", username="o.leblanc")
    http = HttpClient()
    page = http.get("/en/staff/sign-in/")
    assert page.status_code == 200
    assert "Staff sign-in" in page.text
    response = http.post(
        "/en/staff/sign-in/", {"username": "o.leblanc", "password": "a-long-test-password"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/staff/cases/"
    # The password alone opens no tool: the code comes first.
    held = http.get("/en/staff/cases/")
    assert held["Location"] == "/en/staff/two-step/?next=%2Fen%2Fstaff%2Fcases%2F"
    code_page = http.get(held["Location"])
    assert "Enter your code" in code_page.text
    assert "Find a case" not in code_page.text  # no tool in the menu before the code
    done = http.post(
        "/en/staff/two-step/", {"token": staff_code(officer), "next": "/en/staff/cases/"}
    )
    assert done["Location"] == "/en/staff/cases/"
    assert "Signed in as o.leblanc" in http.get("/en/staff/cases/").text


def test_sign_in_returns_to_the_page_asked_for():
    staff_make("officer", username="o.leblanc")
    http = HttpClient()
    response = http.post(
        "/fr/personnel/connexion/",
        {
            "username": "o.leblanc",
            "password": "a-long-test-password",
            "next": "/fr/personnel/dossiers/",
        },
    )
    assert response["Location"] == "/fr/personnel/dossiers/"


def test_a_wrong_password_is_refused_in_the_page_language():
    staff_make("officer", username="o.leblanc")
    page = HttpClient().post(
        "/fr/personnel/connexion/", {"username": "o.leblanc", "password": "wrong"}
    )
    assert page.status_code == 200
    assert "La connexion n'a pas réussi" in page.text
    assert "mot de passe valides" in page.text


def test_sign_out_is_a_post_and_leads_home():
    http = HttpClient()
    http.force_login(staff_make("officer"))
    response = http.post("/en/staff/sign-out/")
    assert response.status_code == 302
    assert response["Location"] == "/en/"
    assert http.get("/en/staff/cases/").status_code == 302  # signed out
