"""Client journeys of issue 9: a STOP opt-out shown on the account (9.3), every field's error
at once on sign-up and linking (9.4)."""

import re
from html import unescape

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils.translation import override

from guichet.accounts.tests.conftest import account_make, link_make, signed_in
from guichet.notifications.services import inbound_sms_handle

pytestmark = pytest.mark.django_db
PHONE = "+16135550199"


def test_the_profile_says_texts_are_stopped_and_how_to_restart():
    account = account_make(phone=PHONE)
    http = signed_in(account)
    page = unescape(http.get("/en/account/details/").text)
    assert "Text messages to your phone are stopped." not in page
    assert "On, for the applications where you chose them" in page

    assert inbound_sms_handle(sender=PHONE, body="ARRÊT") == "stopped"
    page = unescape(http.get("/en/account/details/").text)
    assert "Text messages to your phone are stopped." in page
    assert "reply START" in page
    with override("fr"):
        french = unescape(http.get(reverse("accounts:profile")).text)
    assert "Les messages texte vers votre téléphone sont arrêtés." in french
    assert "répondez START" in french

    assert inbound_sms_handle(sender=PHONE, body="START") == "started"
    page = unescape(http.get("/en/account/details/").text)
    assert "Text messages to your phone are stopped." not in page


def test_the_case_page_says_texts_are_stopped(case):
    account = account_make(phone=PHONE)
    link = link_make(account, case, notify_sms=True)
    inbound_sms_handle(sender=PHONE, body="STOP")
    page = unescape(signed_in(account).get(f"/en/account/applications/{link.pk}/").text)
    assert "Text messages to your phone are stopped." in page


def sms_box(page: str) -> str:
    """The text-message checkbox's tag."""
    match = re.search(r'<input[^>]*id="notify-sms"[^>]*>', page)
    assert match, "no text-message checkbox"
    return match.group(0)


def test_the_case_page_does_not_show_stopped_texts_as_on(case):
    account = account_make(phone=PHONE)
    link = link_make(account, case, notify_sms=True)
    http = signed_in(account)
    url = f"/en/account/applications/{link.pk}/"
    assert "checked" in sms_box(http.get(url).text)

    inbound_sms_handle(sender=PHONE, body="STOP")
    page = unescape(http.get(url).text)
    box = sms_box(page)
    assert "checked" not in box and "disabled" in box
    assert "To get text messages again, reply START" in page
    with override("fr"):
        french = unescape(http.get(reverse("accounts:case", kwargs={"link_id": link.pk})).text)
    assert "checked" not in sms_box(french)
    assert "répondez START" in french


def test_saving_e_mail_choices_while_texts_are_stopped_keeps_the_text_choice(case):
    account = account_make(phone=PHONE)
    link = link_make(account, case, notify_sms=True)
    inbound_sms_handle(sender=PHONE, body="STOP")
    http = signed_in(account)
    # The disabled box is not posted: only the e-mail choice arrives.
    http.post(f"/en/account/applications/{link.pk}/updates/", {"email": "on"})
    link.refresh_from_db()
    assert link.notify_sms and link.notify_email

    inbound_sms_handle(sender=PHONE, body="START")
    assert "checked" in sms_box(http.get(f"/en/account/applications/{link.pk}/").text)


def test_sign_up_lists_every_fields_error_at_once():
    response = HttpClient().post(
        "/en/account/sign-up/",
        {"email": "not-an-address", "password": "short", "password_confirm": "other"},
    )
    page = unescape(response.text)
    summary = page.split('class="g-error-summary"')[1].split("</ul>")[0]
    assert 'href="#id_email"' in summary
    assert 'href="#id_password"' in summary
    assert 'href="#id_password_confirm"' in summary


def test_linking_lists_every_fields_error_at_once(account):
    response = signed_in(account).post(
        "/en/account/applications/link/",
        {
            "route": "number",
            "n-application_number": "X12",
            "n-family_name": "",
            "n-date_of_birth": "14/03/1985",
        },
    )
    page = unescape(response.text)
    summary = page.split('class="g-error-summary"')[1].split("</ul>")[0]
    for field in ("n-application_number", "n-family_name", "n-date_of_birth"):
        assert f'href="#id_{field}"' in summary, field


def test_linking_by_uci_reports_a_too_long_name_once(account):
    response = signed_in(account).post(
        "/en/account/applications/link/",
        {
            "route": "uci",
            "u-uci": "",
            "u-family_name": "x" * 101,
            "u-given_names": "x" * 151,
            "u-date_of_birth": "1985-03-14",
        },
    )
    page = unescape(response.text)
    assert "Ensure this value" not in page
    summary = page.split('class="g-error-summary"')[1].split("</ul>")[0]
    assert summary.count("<li>") == 3  # uci required, two names too long: one line each
