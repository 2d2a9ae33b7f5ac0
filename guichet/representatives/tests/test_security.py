"""Object-level authorisation: every representative route, walked with another
representative's (or client's) ids, answers 404 or 403 and changes nothing. The walk fails
when a route is added to urls.py without being listed here."""

import pytest
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils import translation

from guichet.accounts.tests.conftest import account_make, link_make, signed_in
from guichet.clients.models import Client
from guichet.documents.models import DocumentFile
from guichet.documents.services import document_request_open
from guichet.documents.tests.conftest import pdf_bytes, upload
from guichet.representatives import urls
from guichet.representatives.models import Consent, RepresentativeAccess
from guichet.representatives.tests.conftest import consent_make, rep_make, rep_signed_in
from guichet.testing.factories import case_make, staff_make

pytestmark = pytest.mark.django_db
NEW_DETAILS = {"address_line": "1 rue Principale", "city": "Gatineau", "province": "QC",
               "postal_code": "J8X 1A1", "phone": "", "email": "nouveau@example.ca"}  # fmt: skip

# Routes that carry no object id (nothing to swap), each checked elsewhere.
WITHOUT_IDS = {"workspace", "sign-up", "sign-in", "sign-out", "two-step", "two-step-setup",
               "staff-pending"}  # fmt: skip


@pytest.fixture
def world(media_in_tmp):
    """Representative A with their client's case; B with theirs, an open document request,
    B's client's account and consent."""
    officer = staff_make("officer")
    rep_a, rep_b = rep_make(), rep_make()
    case_a, case_b = case_make(), case_make()
    consent_a = consent_make(rep_a, case_a)
    consent_b = consent_make(rep_b, case_b, all_cases=True)
    request_b = document_request_open(
        case_id=case_b.pk, step_code="completeness-check", description="ID", actor=officer
    )
    account_a, account_b = account_make(), account_make()
    return {
        "rep_a": rep_a,
        "case_a": case_a,
        "case_b": case_b,
        "consent_a": consent_a,
        "consent_b": consent_b,
        "request_b": request_b,
        "link_a": link_make(account_a, case_a),
        "link_b": link_make(account_b, case_b),
        "account_a": account_a,
    }


def _attempts(w):
    """(route, kwargs, method, who) for each way of reaching someone else's object."""
    rep, client = rep_signed_in(w["rep_a"]), signed_in(w["account_a"])
    b = w["case_b"].pk
    return [
        ("case", {"case_id": b}, "get", rep),
        ("contact-details", {"case_id": b}, "get", rep),
        ("contact-details", {"case_id": b}, "post", rep),
        ("document-send", {"case_id": b, "request_id": w["request_b"].pk}, "post", rep),
        # A's own case with B's request: the request is not found in A's case.
        ("document-send", {"case_id": w["case_a"].pk, "request_id": w["request_b"].pk},
         "post", rep),
        ("client-consents", {"link_id": w["link_b"].pk}, "get", client),
        ("client-consents", {"link_id": w["link_b"].pk}, "post", client),
        ("client-consent-revoke", {"link_id": w["link_b"].pk,
                                   "consent_id": w["consent_b"].pk}, "post", client),
        # A's own link with B's client's consent.
        ("client-consent-revoke", {"link_id": w["link_a"].pk,
                                   "consent_id": w["consent_b"].pk}, "post", client),
        # Staff routes, by a representative or a client.
        ("staff-decide", {"representative_id": w["rep_a"].pk}, "post", rep),
        ("staff-paper-consent", {"case_id": b}, "get", rep),
        ("staff-paper-consent", {"case_id": b}, "post", client),
        ("staff-pending", {}, "get", rep),
    ]  # fmt: skip


@pytest.mark.parametrize("language", ["en", "fr"])
def test_every_route_refuses_another_representatives_ids(world, language):
    attempts = _attempts(world)
    covered = {name for name, *_ in attempts}
    every_route = {pattern.name for pattern in urls.urlpatterns}
    assert every_route - covered - WITHOUT_IDS == set(), "a route is missing from the walk"
    files, accesses = DocumentFile.objects.count(), RepresentativeAccess.objects.count()
    for name, kwargs, method, http in attempts:
        with translation.override(language):
            address = reverse(f"representatives:{name}", kwargs=kwargs)
        data = {"file": upload(pdf_bytes()), "decision": "verify", "regulator": "ls-on",
                "membership_number": world["rep_a"].membership_number, "scope": "all",
                **NEW_DETAILS}  # fmt: skip
        response = getattr(http, method)(address, data) if method == "post" else http.get(address)
        assert response.status_code in (403, 404), f"{method} {address}: {response.status_code}"
    # Nothing was written on the way.
    assert DocumentFile.objects.count() == files
    assert RepresentativeAccess.objects.count() == accesses
    assert Consent.objects.filter(revoked_at__isnull=False).count() == 0
    assert Consent.objects.count() == 2
    assert not Client.objects.filter(email=NEW_DETAILS["email"]).exists()


def test_the_workspace_shows_no_other_representatives_case(world):
    page = rep_signed_in(world["rep_a"]).get(reverse("representatives:workspace"))
    assert world["case_a"].application_number in page.content.decode()
    assert world["case_b"].application_number not in page.content.decode()


def test_anonymous_visitors_are_sent_to_sign_in(world):
    for name, kwargs in (("workspace", {}), ("case", {"case_id": world["case_a"].pk})):
        response = HttpClient().get(reverse(f"representatives:{name}", kwargs=kwargs))
        assert response.status_code == 302
        assert response["Location"].startswith(reverse("representatives:sign-in"))
