"""The online permanent-resident card application, end to end, with the test client."""

from __future__ import annotations

import io
import re

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from guichet.cases.models import Case
from guichet.intake.models import OnlineApplication
from guichet.notifications.models import Notification
from guichet.testing.factories import client_make

pytestmark = pytest.mark.django_db

BASE = "/fr/carte-rp/etape/"
ANSWERS = {
    1: {"kind": "renewal"},
    2: {
        "family_name": "Côté",
        "given_names": "Émile",
        "date_of_birth": "1980-02-29",
        "sex": "X",
        "uci": "",  # filled in by the test: a valid, existing UCI
        "pr_since": "2015-06-01",
        "name_changed": "no",
    },
    3: {
        "preferred_language": "fr",
        "email": "emile@example.ca",
        "phone": "514 555 0199",
        "address_line": "123, rue Principale, app. 4",
        "city": "Montréal",
        "province": "QC",
        "postal_code": "h2x1y4",
    },
    4: {"days_in_canada": "400"},
}


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def photo() -> SimpleUploadedFile:
    buffer = io.BytesIO()
    Image.new("RGB", (600, 800), (210, 190, 170)).save(buffer, format="PNG")
    return SimpleUploadedFile("moi.png", buffer.getvalue(), content_type="image/png")


def fill_in(client, answers: dict[int, dict[str, str]]) -> None:
    for number, data in answers.items():
        response = client.post(f"{BASE}{number}/", data)
        assert response.status_code == 302, (number, response.content.decode()[:2000])
    response = client.post(f"{BASE}5/", {"photo": photo()})
    assert response.status_code == 302, response.content.decode()[:2000]
    assert response["Location"] == f"{BASE}6/"


def test_a_renewal_in_french_from_start_to_confirmation(client):
    existing = client_make(
        family_name="Côté", given_names="Émile", date_of_birth="1980-02-29", sex="X"
    )
    answers = {**ANSWERS, 2: dict(ANSWERS[2], uci=existing.uci)}
    start = client.get("/fr/carte-rp/")
    assert start.status_code == 200 and "gcds" in start.content.decode()

    fill_in(client, answers)

    review = client.get(f"{BASE}6/").content.decode()
    assert '<gcds-stepper tag="h1" current-step="6" total-steps="6">' in review
    assert "Vérifier et soumettre" in review
    assert "Côté" in review and "Montréal" in review
    # The checklist is this applicant's: a renewal with under 730 days in Canada.
    assert "des deux côtés de votre carte de résident permanent actuelle" in review
    assert "Preuve de votre présence au Canada" in review
    assert "IMM 5451" not in review  # not lost
    assert "changement de nom" not in review

    response = client.post(f"{BASE}6/", {"declaration": "on"})
    assert response.status_code == 302
    assert response["Location"] == "/fr/carte-rp/confirmation/"
    done = client.get(response["Location"]).content.decode()
    number = re.search(r"E\d{9}", done).group(0)

    case = Case.objects.select_related("service", "client").get(application_number=number)
    assert case.channel == "online" and case.service.code == "pr-card"
    assert case.client == existing  # matched on the UCI, names and date of birth
    assert case.steps.count() == 5
    application = OnlineApplication.objects.get(case=case)
    assert application.answers["days_in_canada"] == 400
    assert application.documents == ["photo", "identity", "current_card", "residence_proof"]
    assert application.photo.startswith("intake/photos/")
    sent = Notification.objects.filter(case=case)
    assert {n.channel for n in sent} == {"email", "sms"}
    assert {n.language for n in sent} == {"fr"}
    assert {n.recipient for n in sent} == {"emile@example.ca", "+15145550199"}

    # Submitting again (a double click, the back button) opens no second case.
    client.post(f"{BASE}6/", {"declaration": "on"})
    assert Case.objects.filter(service__code="pr-card").count() == 1


def test_a_lost_card_asks_for_the_declaration_and_a_name_change_for_its_proof(client):
    answers = {
        **ANSWERS,
        1: {"kind": "new", "reason": "lost"},
        2: dict(ANSWERS[2], uci="1000000008", name_changed="yes"),
        4: {"days_in_canada": "1500"},
    }
    fill_in(client, answers)
    review = client.get(f"{BASE}6/").content.decode()
    assert "IMM 5451" in review and "changement de nom" in review
    assert "des deux côtés de votre carte" not in review
    assert "Preuve de votre présence au Canada" not in review


def test_steps_cannot_be_skipped(client):
    response = client.get(f"{BASE}4/")
    assert response.status_code == 302 and response["Location"] == f"{BASE}1/"


def test_every_field_is_checked_on_the_server(client):
    client.post(f"{BASE}1/", {"kind": "new"})  # a new card needs a reason
    response = client.post(f"{BASE}1/", {"kind": "new"})
    assert response.status_code == 400
    assert "Choisissez une des options." in response.content.decode()

    client.post(f"{BASE}1/", {"kind": "renewal"})
    response = client.post(
        f"{BASE}2/",
        dict(ANSWERS[2], date_of_birth="2999-01-01", uci="123", pr_since="1970-01-01"),
    )
    html = response.content.decode()
    assert response.status_code == 400
    assert "avenir" in html  # date of birth
    assert "IUC" in html  # the UCI
    assert 'aria-invalid="true"' in html


def test_a_photo_that_is_not_one_is_refused_and_the_step_stays(client):
    client.post(f"{BASE}1/", ANSWERS[1])
    client.post(f"{BASE}2/", dict(ANSWERS[2], uci="1000000008"))
    client.post(f"{BASE}3/", ANSWERS[3])
    client.post(f"{BASE}4/", ANSWERS[4])
    fake = SimpleUploadedFile("photo.jpg", b"MZ\x90\x00 not an image", content_type="image/jpeg")

    response = client.post(f"{BASE}5/", {"photo": fake})

    assert response.status_code == 400
    assert "JPEG ou PNG" in response.content.decode()
    assert client.get(f"{BASE}6/")["Location"] == f"{BASE}5/"


def test_no_personal_data_travels_in_an_address(client):
    answers = {**ANSWERS, 2: dict(ANSWERS[2], uci="1000000008")}
    locations = []
    for number, data in answers.items():
        locations.append(client.post(f"{BASE}{number}/", data)["Location"])
    locations.append(client.post(f"{BASE}5/", {"photo": photo()})["Location"])
    locations.append(client.post(f"{BASE}6/", {"declaration": "on"})["Location"])
    for location in locations:
        assert re.fullmatch(r"/fr/carte-rp/(etape/\d/|confirmation/)", location), location
