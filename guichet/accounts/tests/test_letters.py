"""The client reads the letters of a linked case from its page, as PDFs; nobody else can."""

import datetime as dt
import io

import pytest
from django.urls import reverse
from django.utils import translation
from pypdf import PdfReader

from guichet.accounts.tests.conftest import account_make, link_make, signed_in
from guichet.accounts.updates import case_update_notices_send
from guichet.cases.services import case_decide, case_step_update
from guichet.core import clock
from guichet.documents.tests.conftest import media_in_tmp  # noqa: F401
from guichet.letters.models import Letter, LetterKind
from guichet.notifications.models import Notification

pytestmark = pytest.mark.django_db


def letter_url(link, letter, language="en"):
    with translation.override(language):
        return reverse("accounts:letter", kwargs={"link_id": link.pk, "letter_id": letter.pk})


def page_url(link, language="en"):
    with translation.override(language):
        return reverse("accounts:case", kwargs={"link_id": link.pk})


def test_the_case_page_lists_the_letters_and_each_downloads_as_a_pdf(account, case):
    link = link_make(account, case)
    case_decide(case_id=case.pk, outcome="withdrawn", actor=None)
    http = signed_in(account)
    page = http.get(page_url(link, "fr"))
    assert "Lettres que nous vous avons envoyées" in page.text
    decision, ack = Letter.objects.filter(case=case).order_by("-event_sequence")
    assert (decision.kind, ack.kind) == (LetterKind.DECISION, LetterKind.ACKNOWLEDGEMENT)
    assert (
        letter_url(link, ack, "fr") in page.text and letter_url(link, decision, "fr") in page.text
    )
    response = http.get(letter_url(link, decision, "fr"))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment;")
    assert case.application_number not in response["Content-Disposition"]  # nothing personal
    reader = PdfReader(io.BytesIO(b"".join(response.streaming_content)))
    assert case.application_number in reader.pages[0].extract_text()


def test_a_letter_downloaded_twice_is_the_same_file(account, case):
    link = link_make(account, case)
    ack = Letter.objects.get(case=case)
    http = signed_in(account)
    first = b"".join(http.get(letter_url(link, ack)).streaming_content)
    second = b"".join(http.get(letter_url(link, ack)).streaming_content)
    assert first == second and first.startswith(b"%PDF-")


def test_a_letter_of_another_case_or_another_account_is_not_found(account, case):
    from guichet.testing.factories import case_make

    link = link_make(account, case)
    other = Letter.objects.get(case=case_make())
    http = signed_in(account)
    assert http.get(letter_url(link, other)).status_code == 404  # not this link's case
    stranger = signed_in(account_make(email="stranger@example.ca"))
    assert stranger.get(letter_url(link, Letter.objects.get(case=case))).status_code == 404


def test_an_update_with_a_letter_says_so(case):
    link = link_make(account_make(language="fr"), case, notify_email=True)
    case_decide(case_id=case.pk, outcome="withdrawn", actor=None)
    case_update_notices_send(now=clock.now() + dt.timedelta(minutes=1))
    message = Notification.objects.get(purpose="case_update_letter")
    assert "une lettre" in message.body and f"/fr/compte/demandes/{link.pk}/" in message.body


def test_an_update_without_a_letter_is_the_usual_one(account, case):
    link_make(account, case, notify_email=True)
    case_step_update(case_id=case.pk, step_code="completeness-check", state="completed", actor=None)
    case_update_notices_send(now=clock.now() + dt.timedelta(minutes=1))
    assert Notification.objects.filter(purpose="case_update").count() == 1
    assert not Notification.objects.filter(purpose="case_update_letter").exists()
