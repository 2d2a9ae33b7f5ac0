"""Who may open which staff page: anonymous visitors sign in first; roles without the
permission get 403 and change nothing."""

import pytest
from django.contrib.auth.models import User
from django.test import Client as HttpClient
from django.urls import reverse

from guichet.backoffice.tests.conftest import signed_in
from guichet.cases.models import CaseEvent
from guichet.core.models import AuditRecord

pytestmark = pytest.mark.django_db


def pages(case_id: int) -> list[tuple[str, str]]:
    return [
        ("get", reverse("backoffice:search")),
        ("get", reverse("backoffice:case", kwargs={"case_id": case_id})),
        ("post", reverse("backoffice:step-update", kwargs={"case_id": case_id})),
        ("post", reverse("backoffice:documents-request", kwargs={"case_id": case_id})),
        ("post", reverse("backoffice:decision-record", kwargs={"case_id": case_id})),
    ]


def test_anonymous_visitors_are_sent_to_sign_in(case):
    http = HttpClient()
    for method, url in pages(case.pk):
        response = getattr(http, method)(url)
        assert response.status_code == 302, url
        assert response["Location"] == f"{reverse('backoffice:login')}?next={url}"
    assert not AuditRecord.objects.exists()


def test_french_pages_send_to_the_french_sign_in(case):
    response = HttpClient().get("/fr/personnel/dossiers/")
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/personnel/connexion/?next=")


def test_mailroom_clerks_cannot_search_or_open_a_case(case):
    http = signed_in("mailroom")
    for method, url in pages(case.pk):
        response = getattr(http, method)(url, {"step": "completeness-check", "state": "completed"})
        assert response.status_code == 403, url
    assert "You do not have access to this page" in http.get(reverse("backoffice:search")).text
    assert not AuditRecord.objects.exists()


@pytest.mark.parametrize("role", ["agent", "manager"])
def test_agents_and_managers_read_but_do_not_change(case, role):
    http = signed_in(role)
    events = CaseEvent.objects.filter(case=case).count()
    assert http.get(reverse("backoffice:search")).status_code == 200
    page = http.get(reverse("backoffice:case", kwargs={"case_id": case.pk}))
    assert page.status_code == 200
    assert "Move this step" not in page.text
    assert "Request documents" not in page.text
    assert "Record the decision" not in page.text
    for _method, url in pages(case.pk)[2:]:
        response = http.post(
            url, {"step": "completeness-check", "state": "completed", "outcome": "refused"}
        )
        assert response.status_code == 403, url
    assert CaseEvent.objects.filter(case=case).count() == events
    assert not AuditRecord.objects.filter(action="change").exists()


def test_actions_accept_only_post(officer_http, case):
    url = reverse("backoffice:step-update", kwargs={"case_id": case.pk})
    assert officer_http.get(url).status_code == 405


def test_staff_pages_are_never_cached(officer_http, case):
    response = officer_http.get(reverse("backoffice:case", kwargs={"case_id": case.pk}))
    assert "no-store" in response["Cache-Control"]
    assert "private" in response["Cache-Control"]


def test_staff_menu_shows_what_the_role_may_open(case):
    officer = signed_in("officer").get("/en/").text
    assert "Find a case" in officer and "Sign out" in officer
    mailroom = signed_in("mailroom").get("/en/").text
    assert "Find a case" not in mailroom and "Sign out" in mailroom


def test_a_signed_in_client_gets_no_staff_menu(case):
    http = HttpClient()
    http.force_login(User.objects.create_user(username="client@example.ca"))
    page = http.get("/en/").text
    assert "Find a case" not in page and "Signed in as" not in page
