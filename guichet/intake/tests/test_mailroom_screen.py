"""The clerk's mailroom screen: scan, fill in, Enter, see the number, scan the next one."""

from __future__ import annotations

import pytest
from django.urls import reverse
from django.utils import translation

from guichet.cases.models import Case
from guichet.core.roles import MAILROOM, OFFICER
from guichet.intake.models import PaperReceipt
from guichet.notifications.models import Notification
from guichet.testing.factories import staff_make

pytestmark = pytest.mark.django_db

FIELDS = {
    "service_code": "spouse-in-canada",
    "received_at": "2026-01-15",
    "family_name": "Nguyen",
    "given_names": "Thi Lan",
    "date_of_birth": "1990-05-02",
    "sex": "F",
    "preferred_language": "en",
    "phone": "613-555-0101",
    "email": "",
    "uci": "",
}


@pytest.fixture
def clerk_client(client):
    client.force_login(staff_make(MAILROOM))
    return client


def test_the_screen_has_paired_english_and_french_addresses():
    with translation.override("en"):
        assert reverse("intake:mailroom") == "/en/mailroom/"
    with translation.override("fr"):
        assert reverse("intake:mailroom") == "/fr/salle-du-courrier/"


def test_signed_out_people_are_sent_to_sign_in_and_other_roles_are_refused(client):
    response = client.get("/en/mailroom/")
    assert response.status_code == 302 and "sign-in" in response["Location"]
    client.force_login(staff_make(OFFICER))
    assert client.get("/en/mailroom/").status_code == 403


def test_the_scan_field_comes_first_and_has_the_focus(clerk_client):
    html = clerk_client.get("/en/mailroom/").content.decode()
    form = html[html.index("<form") :]
    assert form.index('name="package_barcode"') < form.index('name="family_name"')
    assert 'name="package_barcode"' in html and "autofocus" in _tag(html, "package_barcode")


def _tag(html: str, name: str) -> str:
    start = html.index(f'name="{name}"')
    return html[html.rindex("<", 0, start) : html.index(">", start)]


def test_scan_then_fill_in_then_enter_registers_and_returns_to_the_scan_field(clerk_client):
    # The scanner types the barcode and Enter: a new package, so the applicant comes next.
    response = clerk_client.post("/en/mailroom/", {"package_barcode": "MR-0001"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="MR-0001"' in _tag(html, "package_barcode")
    assert "autofocus" in _tag(html, "family_name")
    assert Case.objects.count() == 0

    response = clerk_client.post("/en/mailroom/", {"package_barcode": "MR-0001", **FIELDS})
    assert response.status_code == 302
    number = PaperReceipt.objects.get(package_barcode="MR-0001").case.application_number
    assert number not in response["Location"]  # nothing about the case in the address

    html = clerk_client.get(response["Location"]).content.decode()
    assert number in html and "Registered" in html
    assert "autofocus" in _tag(html, "package_barcode")
    assert 'value="MR-0001"' not in _tag(html, "package_barcode")
    assert 'value="spouse-in-canada" selected' in html  # the service is kept for the batch
    assert Notification.objects.filter(channel="sms").count() == 1

    # The recent list of the session keeps it after the confirmation is gone.
    html = clerk_client.get("/en/mailroom/").content.decode()
    assert "Registered in this session" in html and number in html


def test_scanning_a_registered_package_shows_its_number_and_sends_nothing(clerk_client):
    clerk_client.post("/en/mailroom/", {"package_barcode": "MR-0002", **FIELDS})
    number = PaperReceipt.objects.get().case.application_number

    html = clerk_client.post("/en/mailroom/", {"package_barcode": "MR-0002"}).content.decode()

    assert "Already registered" in html and number in html
    assert Case.objects.count() == 1 and Notification.objects.count() == 1


def test_errors_are_shown_on_their_fields_and_nothing_is_written(clerk_client):
    fields = dict(FIELDS, date_of_birth="2999-01-01", phone="12")
    response = clerk_client.post("/en/mailroom/", {"package_barcode": "MR-0003", **fields})
    html = response.content.decode()
    assert response.status_code == 400
    assert "A date of birth cannot be in the future." in html
    assert "This phone number is not valid" in html
    assert 'id_date_of_birth_error"' in _tag(html, "date_of_birth")
    assert "autofocus" in _tag(html, "date_of_birth")
    assert Case.objects.count() == 0


def test_the_same_barcode_with_other_details_is_refused(clerk_client):
    clerk_client.post("/en/mailroom/", {"package_barcode": "MR-0004", **FIELDS})
    response = clerk_client.post(
        "/en/mailroom/", {"package_barcode": "MR-0004", **dict(FIELDS, given_names="Lan")}
    )
    assert response.status_code == 409
    assert "already registered with other details" in response.content.decode()


def test_the_french_screen_is_in_french(clerk_client):
    html = clerk_client.get("/fr/salle-du-courrier/").content.decode()
    assert 'lang="fr"' in html and "Code-barres du colis" in html
