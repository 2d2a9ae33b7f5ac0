"""A client changes the applicant's address and contact details from a linked case: the record
changes, each open case's history notes it, the old and the new contact get a confirmation,
staff see it; a wrong address names its field in the page's language and changes nothing."""

import pytest
from django.urls import reverse
from django.utils import translation

from guichet.accounts.tests.conftest import account_make, link_make, signed_in
from guichet.cases.models import CaseEvent
from guichet.cases.services import case_decide
from guichet.clients.models import Client
from guichet.core.models import AuditRecord
from guichet.notifications.models import Notification
from guichet.testing.factories import case_make, staff_make

pytestmark = pytest.mark.django_db

NEW = {
    "address_line": "365 Laurier Avenue West",
    "city": "Ottawa",
    "province": "ON",
    "postal_code": "k1a 0b1",
    "phone": "613-555-0199",
    "email": "new-address@example.ca",
}


def details_url(link, language="en"):
    with translation.override(language):
        return reverse("accounts:contact-details", kwargs={"link_id": link.pk})


def contact_events(case):
    return list(CaseEvent.objects.filter(case=case, kind="contact"))


def test_the_page_shows_what_is_on_file(account, case):
    link = link_make(account, case)
    page = signed_in(account).get(details_url(link))
    assert page.status_code == 200
    assert case.client.email in page.text
    assert (
        details_url(link)
        in signed_in(account).get(reverse("accounts:case", kwargs={"link_id": link.pk})).text
    )


def test_a_change_is_recorded_confirmed_and_audited(account, case):
    client = case.client
    old_email, old_phone = client.email, client.phone
    second = case_make(client=client)
    decided = case_make(client=client)
    case_decide(case_id=decided.pk, outcome="withdrawn", actor=None)
    link = link_make(account, case)
    http = signed_in(account)

    response = http.post(details_url(link), NEW)
    assert response.status_code == 302
    page = http.get(response["Location"])
    assert "Your new details are saved" in page.text

    client = Client.objects.get(pk=client.pk)
    assert (client.address_line, client.city, client.province, client.postal_code) == (
        "365 Laurier Avenue West",
        "Ottawa",
        "ON",
        "K1A 0B1",
    )
    assert (client.phone, client.email) == ("+16135550199", "new-address@example.ca")
    # In the history of each open case, not of the decided one; the client reads it.
    assert len(contact_events(case)) == len(contact_events(second)) == 1
    assert contact_events(decided) == []
    assert "were changed online" in page.text
    # A confirmation to the old and the new e-mail address and phone number.
    sent = set(
        Notification.objects.filter(purpose="contact_details_changed").values_list(
            "channel", "recipient"
        )
    )
    assert sent == {
        ("email", old_email),
        ("email", "new-address@example.ca"),
        ("sms", old_phone),
        ("sms", "+16135550199"),
    }
    message = Notification.objects.filter(purpose="contact_details_changed").first()
    assert "Laurier" not in message.body and "K1A" not in message.body
    assert AuditRecord.objects.filter(
        action="change", target_type="client", target_id=str(client.pk)
    ).exists()


def test_staff_see_the_change_on_the_case_page(account, case):
    link = link_make(account, case)
    signed_in(account).post(details_url(link), NEW)
    from django.test import Client as HttpClient

    staff = HttpClient()
    staff.force_login(staff_make("officer"))
    page = staff.get(reverse("backoffice:case", kwargs={"case_id": case.pk}))
    assert "365 Laurier Avenue West" in page.text and "K1A 0B1" in page.text
    assert "Contact details changed" in page.text
    assert "Contact details changed (confirmation)" in page.text


@pytest.mark.parametrize(
    ("changes", "field_label", "english", "french"),
    [
        (
            {"postal_code": "K1A 0B1", "province": "BC"},
            "Postal code",
            "not in the province",
            "pas dans la province",
        ),
        ({"postal_code": "ABC"}, "Postal code", "not valid", "valide"),
        ({"province": "XX"}, "Province or territory", "from the list", "dans la liste"),
        ({"address_line": ""}, "Street address", "required", "obligatoire"),
        (
            {"email": "<script>alert(1)</script>"},
            "E-mail address (optional)",
            "not valid",
            "valide",
        ),
    ],
)
def test_a_wrong_address_changes_nothing(account, case, changes, field_label, english, french):
    before = Client.objects.values().get(pk=case.client_id)
    link = link_make(account, case)
    http = signed_in(account)
    page = http.post(details_url(link), {**NEW, **changes})
    assert page.status_code == 400
    assert english in page.text and 'aria-invalid="true"' in page.text
    assert "<script>alert(1)</script>" not in page.text
    page = http.post(details_url(link, "fr"), {**NEW, **changes})
    assert french in page.text
    assert Client.objects.values().get(pk=case.client_id) == before
    assert contact_events(case) == []
    assert not Notification.objects.filter(purpose="contact_details_changed").exists()


def test_every_wrong_field_is_listed_at_once(account, case):
    link = link_make(account, case)
    page = signed_in(account).post(
        details_url(link), {**NEW, "city": "", "phone": "1", "postal_code": "nope"}
    )
    for field in ("id_city", "id_phone", "id_postal_code"):
        assert f'href="#{field}"' in page.text


def test_another_account_s_link_is_not_found(account, case):
    link = link_make(account, case)
    response = signed_in(account_make()).post(details_url(link), NEW)
    assert response.status_code == 404
    assert contact_events(case) == []
