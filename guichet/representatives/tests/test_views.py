"""The pages: sign-in with the required second step, the workspace (filters, pages, a
constant number of queries), a case page, sending a document, the client's consents page
with its access record, and the staff pages."""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import translation

from guichet.accounts.tests.conftest import account_make, link_make, signed_in
from guichet.documents.models import DocumentFile
from guichet.documents.services import document_request_open
from guichet.documents.tests.conftest import pdf_bytes, upload
from guichet.representatives.models import Consent, Representative, RepresentativeAccess
from guichet.representatives.tests.conftest import (
    PASSWORD,
    consent_make,
    rep_make,
    rep_signed_in,
)
from guichet.testing.factories import case_make, client_make, staff_code, staff_make

pytestmark = pytest.mark.django_db


def url(name: str, language: str = "en", **kwargs: object) -> str:
    with translation.override(language):
        return reverse(f"representatives:{name}", kwargs=kwargs)


def test_french_addresses_are_french():
    assert url("workspace", "fr") == "/fr/representant/"
    assert url("case", "fr", case_id=3) == "/fr/representant/dossiers/3/"


def test_sign_up_page_opens_an_account_waiting_for_verification():
    response = HttpClient().post(
        url("sign-up", "fr"),
        {
            "family_name": "Roy",
            "given_names": "Luc",
            "email": "luc.roy@example.ca",
            "regulator": "cnq",
            "membership_number": "N-778",
            "password": PASSWORD,
            "language": "fr",
        },
    )
    assert response.status_code == 302
    rep = Representative.objects.get()
    assert (rep.state, rep.membership_number, rep.regulator.code) == ("pending", "N778", "cnq")


def test_sign_up_refusal_is_shown_on_the_field_in_french():
    rep_make(number="N778", regulator="cnq")
    response = HttpClient().post(
        url("sign-up", "fr"),
        {
            "family_name": "Roy",
            "given_names": "Luc",
            "email": "autre@example.ca",
            "regulator": "cnq",
            "membership_number": "n778",
            "password": PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "Ce numéro de membre a déjà un compte de représentant." in response.content.decode()


def test_sign_in_needs_the_password_then_the_code():
    rep = rep_make()
    http = HttpClient()
    response = http.post(url("sign-in"), {"email": rep.email, "password": "wrong"})
    assert response.status_code == 200
    response = http.post(url("sign-in"), {"email": rep.email, "password": PASSWORD})
    assert response["Location"] == url("two-step")
    # Signed in with the password only: the workspace sends to the code step.
    assert http.get(url("workspace"))["Location"] == url("two-step")
    response = http.post(url("two-step"), {"token": staff_code(rep.user)})
    assert response["Location"] == url("workspace")
    assert http.get(url("workspace")).status_code == 200


def test_two_step_verification_is_required_before_any_use():
    rep = rep_make(two_step=False)
    http = HttpClient()
    http.post(url("sign-in"), {"email": rep.email, "password": PASSWORD})
    assert http.get(url("workspace"))["Location"] == url("two-step-setup")
    assert http.get(url("two-step-setup")).status_code == 200  # the QR code page


def test_an_unverified_representative_sees_why_and_nothing_else():
    rep = rep_make(verified=False)
    response = rep_signed_in(rep).get(url("workspace", "fr"))
    assert response.status_code == 403
    assert "pas encore vérifié" in response.content.decode()


def test_a_client_account_is_not_a_representative():
    account = account_make()
    assert signed_in(account).get(url("workspace")).status_code == 403


def test_the_workspace_lists_consented_cases_with_flags_and_filters():
    rep = rep_make()
    asked = case_make()
    other_service = case_make(service_code="citizenship-grant")
    not_mine = case_make()
    consent_make(rep, asked)
    consent_make(rep, other_service, all_cases=True)
    officer = staff_make("officer")
    document_request_open(
        case_id=asked.pk, step_code="completeness-check", description="Passport", actor=officer
    )
    http = rep_signed_in(rep)
    page = http.get(url("workspace")).content.decode()
    assert asked.application_number in page
    assert other_service.application_number in page
    assert not_mine.application_number not in page
    assert "Action required" in page
    only_action = http.get(url("workspace"), {"action_required": "on"}).content.decode()
    assert asked.application_number in only_action
    assert other_service.application_number not in only_action
    by_service = http.get(url("workspace"), {"service": "citizenship-grant"}).content.decode()
    assert other_service.application_number in by_service
    assert asked.application_number not in by_service
    decided = http.get(url("workspace"), {"state": "decided"}).content.decode()
    assert asked.application_number not in decided
    # Each case shown is recorded for its client.
    assert RepresentativeAccess.objects.filter(case=asked, action="listed").exists()


def _workspace_queries(django_assert_max_num_queries, http, cases: int) -> int:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as captured:
        assert http.get(url("workspace")).status_code == 200
    return len(captured)


def test_the_workspace_costs_the_same_queries_whatever_the_number_of_cases(
    django_assert_max_num_queries,
):
    rep = rep_make()
    client = client_make()
    for _ in range(21):
        case_make(client=client)
    consent_make(rep, case_make(client=client), all_cases=True)
    http = rep_signed_in(rep)
    http.get(url("workspace"))  # warm the catalogue cache
    first = _workspace_queries(django_assert_max_num_queries, http, 22)
    for _ in range(15):
        case_make(client=client)
    assert _workspace_queries(django_assert_max_num_queries, http, 37) == first


def test_the_workspace_pages():
    rep = rep_make()
    client = client_make()
    cases = [case_make(client=client) for _ in range(22)]
    consent_make(rep, cases[0], all_cases=True)
    http = rep_signed_in(rep)
    second = http.get(url("workspace"), {"page": 2}).content.decode()
    assert "Page 2 of 2" in second
    assert second.count("/en/representative/cases/") == 2


def test_the_case_page_is_recorded_and_shown_to_the_client():
    rep = rep_make()
    case = case_make()
    consent_make(rep, case)
    assert rep_signed_in(rep).get(url("case", case_id=case.pk)).status_code == 200
    assert RepresentativeAccess.objects.filter(case=case, action="viewed").count() == 1
    account = account_make()
    link = link_make(account, case)
    page = signed_in(account).get(url("client-consents", "fr", link_id=link.pk))
    assert page.status_code == 200
    text = page.content.decode()
    assert rep.family_name in text
    assert "A consulté la demande" in text


def test_a_representative_sends_a_requested_document(media_in_tmp):
    rep = rep_make()
    case = case_make()
    consent = consent_make(rep, case)
    officer = staff_make("officer")
    request = document_request_open(
        case_id=case.pk, step_code="completeness-check", description="Passport", actor=officer
    )
    response = rep_signed_in(rep).post(
        url("document-send", case_id=case.pk, request_id=request.pk),
        {"file": upload(pdf_bytes())},
    )
    assert response.status_code == 302
    file = DocumentFile.objects.get(request=request)
    assert file.uploaded_by == rep.user
    assert RepresentativeAccess.objects.filter(consent=consent, action="uploaded").exists()


def test_a_revoked_consent_is_refused_on_the_very_next_request():
    rep = rep_make()
    case = case_make()
    consent_make(rep, case)
    account = account_make()
    link = link_make(account, case)
    http = rep_signed_in(rep)
    assert http.get(url("case", case_id=case.pk)).status_code == 200
    consent = Consent.objects.get()
    response = signed_in(account).post(
        url("client-consent-revoke", link_id=link.pk, consent_id=consent.pk)
    )
    assert response.status_code == 302
    # The same session, the same page: gone.
    assert http.get(url("case", case_id=case.pk)).status_code == 404
    assert case.application_number not in http.get(url("workspace")).content.decode()


def test_a_client_authorises_a_representative_online():
    rep = rep_make()
    case = case_make()
    account = account_make()
    link = link_make(account, case)
    response = signed_in(account).post(
        url("client-consents", link_id=link.pk),
        {"regulator": rep.regulator.code, "membership_number": rep.membership_number.lower(),
         "scope": "case"},
    )  # fmt: skip
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert (consent.case_id, consent.source) == (case.pk, "online")
    assert consent.granted_by == account.user


def test_the_client_cannot_authorise_an_unverified_representative():
    rep = rep_make(verified=False)
    case = case_make()
    account = account_make()
    link = link_make(account, case)
    response = signed_in(account).post(
        url("client-consents", "fr", link_id=link.pk),
        {"regulator": rep.regulator.code, "membership_number": rep.membership_number,
         "scope": "all"},
    )  # fmt: skip
    assert response.status_code == 400
    assert "Aucun représentant vérifié" in response.content.decode()
    assert not Consent.objects.exists()


def test_staff_verify_a_representative():
    rep = rep_make(verified=False)
    manager = staff_make("manager")
    http = HttpClient()
    http.force_login(manager)
    assert rep.family_name in http.get(url("staff-pending")).content.decode()
    response = http.post(url("staff-decide", representative_id=rep.pk), {"decision": "verify"})
    assert response.status_code == 302
    rep.refresh_from_db()
    assert rep.state == "verified" and rep.verified_by == manager
    officer = HttpClient()
    officer.force_login(staff_make("officer"))
    assert officer.get(url("staff-pending")).status_code == 403


def test_staff_record_a_paper_form_and_the_read_is_audited():
    from guichet.core.models import AuditRecord

    rep = rep_make()
    case = case_make()
    officer = staff_make("officer")
    http = HttpClient()
    http.force_login(officer)
    assert http.get(url("staff-paper-consent", case_id=case.pk)).status_code == 200
    assert AuditRecord.objects.filter(
        actor=officer, action="view", target_type="case", target_id=str(case.pk)
    ).exists()
    response = http.post(
        url("staff-paper-consent", case_id=case.pk),
        {"regulator": rep.regulator.code, "membership_number": rep.membership_number,
         "scope": "all"},
    )  # fmt: skip
    assert response.status_code == 302
    consent = Consent.objects.get()
    assert (consent.case_id, consent.source) == (None, "paper")


def test_a_representative_changes_the_clients_contact_details():
    from guichet.cases.models import CaseEvent
    from guichet.clients.models import Client
    from guichet.notifications.models import Notification

    rep = rep_make()
    case = case_make()
    consent = consent_make(rep, case)
    http = rep_signed_in(rep)
    assert http.get(url("contact-details", "fr", case_id=case.pk)).status_code == 200
    refused = http.post(
        url("contact-details", "fr", case_id=case.pk),
        {"address_line": "1 rue Principale", "city": "Gatineau", "province": "QC",
         "postal_code": "", "phone": "", "email": ""},
    )  # fmt: skip
    assert refused.status_code == 400
    assert "code postal" in refused.content.decode()
    response = http.post(
        url("contact-details", case_id=case.pk),
        {"address_line": "1 rue Principale", "city": "Gatineau", "province": "QC",
         "postal_code": "J8X 1A1", "phone": "", "email": "nouveau@example.ca"},
    )  # fmt: skip
    assert response.status_code == 302
    client = Client.objects.get(pk=case.client_id)
    assert (client.city, client.email) == ("Gatineau", "nouveau@example.ca")
    assert CaseEvent.objects.filter(case=case, kind="contact").exists()
    assert Notification.objects.filter(recipient="nouveau@example.ca").exists()
    assert RepresentativeAccess.objects.filter(consent=consent, action="contact").exists()
