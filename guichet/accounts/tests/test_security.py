"""A client cannot read or change another client's case by changing an id; every form needs
its CSRF token; staff reads of a linked case are audited."""

import pytest
from django.contrib.auth.models import User
from django.test import Client as HttpClient
from django.urls import reverse
from django.utils.translation import override

from guichet.accounts.models import CaseLink
from guichet.accounts.tests.conftest import BORN, PASSWORD, account_make, link_make, signed_in
from guichet.core.models import AuditRecord
from guichet.testing.factories import staff_make

pytestmark = pytest.mark.django_db


def case_pages(link_id: int) -> list[tuple[str, str, dict]]:
    kwargs = {"link_id": link_id}
    return [
        ("get", reverse("accounts:case", kwargs=kwargs), {}),
        ("post", reverse("accounts:case-preferences", kwargs=kwargs), {"email": "on"}),
        ("post", reverse("accounts:case-remove", kwargs=kwargs), {}),
    ]


def test_another_clients_case_is_not_found_whatever_the_id(case, other_case):
    owner, intruder = account_make(), account_make()
    victim_link = link_make(owner, case)
    link_make(intruder, other_case)
    http = signed_in(intruder)
    for language in ("en", "fr"):
        with override(language):
            for method, url, data in case_pages(victim_link.pk):
                response = getattr(http, method)(url, data)
                assert response.status_code == 404, url
            # Ids that do not exist at all answer the same.
            for method, url, data in case_pages(victim_link.pk + 1000):
                assert getattr(http, method)(url, data).status_code == 404, url
    victim_link.refresh_from_db()
    assert not victim_link.notify_email
    assert CaseLink.objects.filter(pk=victim_link.pk).exists()
    listing = http.get(reverse("accounts:cases")).content.decode()
    assert case.application_number not in listing
    assert other_case.application_number in listing


def test_even_the_case_id_of_a_linked_case_does_not_open_another_link(case):
    owner, intruder = account_make(), account_make()
    own = link_make(intruder, case)
    victim = link_make(owner, case)  # same case, another account's link
    http = signed_in(intruder)
    assert http.get(reverse("accounts:case", kwargs={"link_id": own.pk})).status_code == 200
    assert http.get(reverse("accounts:case", kwargs={"link_id": victim.pk})).status_code == 404


ACCOUNT_PAGES = ["accounts:cases", "accounts:case-link", "accounts:profile", "accounts:two-factor"]


def test_anonymous_visitors_are_sent_to_the_client_sign_in(case):
    link = link_make(account_make(), case)
    http = HttpClient()
    urls = [reverse(name) for name in ACCOUNT_PAGES] + [u for _m, u, _d in case_pages(link.pk)]
    for url in urls:
        response = http.get(url)
        assert response.status_code in (302, 405), url
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("accounts:sign-in")), url
    with override("fr"):
        assert (
            HttpClient()
            .get(reverse("accounts:cases"))["Location"]
            .startswith("/fr/compte/connexion/?next=")
        )


def test_staff_and_unconfirmed_accounts_get_403(case):
    staff = HttpClient()
    staff.force_login(staff_make("officer"))
    unconfirmed = signed_in(account_make(verified=False))
    for http in (staff, unconfirmed):
        for name in ACCOUNT_PAGES:
            assert http.get(reverse(name)).status_code == 403, name


def csrf_client(account=None) -> HttpClient:
    http = HttpClient(enforce_csrf_checks=True)
    if account is not None:
        http.force_login(account.user)
    return http


def test_every_form_needs_its_csrf_token(case):
    holder = account_make(phone="+16135550100")
    link = link_make(holder, case)
    anonymous_forms = {
        reverse("accounts:sign-up"): {
            "email": "x@example.ca",
            "password": PASSWORD,
            "password_confirm": PASSWORD,
            "language": "en",
        },
        reverse("accounts:sign-in"): {"username": holder.email, "password": PASSWORD},
        reverse("accounts:password-reset"): {"email": holder.email},
        reverse("accounts:sign-in-code"): {"token": "123456"},
    }
    for url, data in anonymous_forms.items():
        assert csrf_client().post(url, data).status_code == 403, url
    signed_forms = {
        reverse("accounts:case-link"): {
            "route": "number",
            "n-application_number": case.application_number,
            "n-family_name": "Tremblay-Gagné",
            "n-date_of_birth": BORN.isoformat(),
        },
        reverse("accounts:case", kwargs={"link_id": link.pk}): {},
        reverse("accounts:case-preferences", kwargs={"link_id": link.pk}): {"sms": "on"},
        reverse("accounts:case-remove", kwargs={"link_id": link.pk}): {},
        reverse("accounts:profile"): {"phone": "", "language": "fr"},
        reverse("accounts:two-factor"): {"token": "123456"},
        reverse("accounts:sign-out"): {},
        reverse("accounts:sign-out-everywhere"): {},
    }
    for url, data in signed_forms.items():
        assert csrf_client(holder).post(url, data).status_code == 403, url
    link.refresh_from_db()
    holder.refresh_from_db()
    assert not link.notify_sms and holder.phone == "+16135550100" and holder.session_epoch == 0
    # With the token taken from the page, the same form works.
    http = csrf_client(holder)
    page = http.get(reverse("accounts:case", kwargs={"link_id": link.pk}))
    token = (
        page.cookies["csrftoken"].value
        if "csrftoken" in page.cookies
        else http.cookies["csrftoken"].value
    )
    response = http.post(
        reverse("accounts:case-preferences", kwargs={"link_id": link.pk}),
        {"sms": "on", "csrfmiddlewaretoken": token},
    )
    assert response.status_code == 302
    link.refresh_from_db()
    assert link.notify_sms


def test_a_staff_read_of_a_linked_case_is_audited(case):
    link = link_make(account_make(), case)
    officer = staff_make("officer")
    http = HttpClient()
    http.force_login(officer)
    assert http.get(reverse("backoffice:case", kwargs={"case_id": case.pk})).status_code == 200
    assert AuditRecord.objects.filter(
        actor=officer, action="view", target_type="case", target_id=str(case.pk)
    ).exists()
    admin = User.objects.create_superuser("root", "root@example.ca", PASSWORD)
    # Staff need two-step verification, the admin included (guichet.testing.staff).
    admin.totpdevice_set.create(name="authenticator", confirmed=True)
    http.force_login(admin)
    url = reverse("admin:accounts_caselink_change", args=[link.pk])
    assert http.get(url).status_code == 200
    assert AuditRecord.objects.filter(
        actor=admin, action="view", target_type="case", target_id=str(case.pk)
    ).exists()
