"""Two-step verification is required of every staff role; staff sessions end when idle."""

import datetime as dt

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.test import Client as HttpClient
from django.test import override_settings
from django_otp.plugins.otp_totp.models import TOTPDevice

from guichet.core.roles import ROLES
from guichet.testing.factories import staff_code, staff_make

pytestmark = pytest.mark.django_db

PASSWORD = "a-long-test-password"


def password_signed_in(user) -> HttpClient:
    """A session past the password step only, as after the sign-in form."""
    http = HttpClient()
    response = http.post("/en/staff/sign-in/", {"username": user.username, "password": PASSWORD})
    assert response.status_code == 302
    return http


TOOL_PAGES = [
    "/en/staff/cases/",
    "/en/mailroom/",
    "/en/contact-centre/",
    "/en/contact-centre/questions/",
    "/en/contact-centre/metrics/",
    "/en/staff/standards/",
    "/en/admin/",
    "/en/admin/contact/enquiry/",
]


@pytest.mark.parametrize("role", ROLES)
def test_a_staff_member_without_an_authenticator_must_set_one_up_first(role):
    user = staff_make(role, two_step=False)
    if role == "administrator":
        user.is_staff = True
        user.save()
    http = password_signed_in(user)
    for url in TOOL_PAGES:
        response = http.get(url)
        assert response.status_code == 302, url
        assert response["Location"].startswith("/en/staff/two-step/set-up/?next="), url
    page = http.get("/en/staff/two-step/set-up/")
    assert "Set up two-step verification" in page.text
    assert "<svg" in page.text  # the QR code
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    # A wrong code is refused and turns nothing on.
    wrong = http.post("/en/staff/two-step/set-up/", {"token": "000000"})
    assert "This code is not right" in wrong.text
    assert not TOTPDevice.objects.filter(user=user, confirmed=True).exists()
    # django-otp slows guessing down after a wrong code; the person then waits a moment.
    TOTPDevice.objects.filter(pk=device.pk).update(throttling_failure_count=0)
    code = staff_code_for(device)
    done = http.post("/en/staff/two-step/set-up/", {"token": code})
    assert done.status_code == 302
    assert TOTPDevice.objects.filter(user=user, confirmed=True).count() == 1
    # The session is now verified: the role's own tool opens.
    assert http.get(done["Location"]).status_code == 200


def staff_code_for(device) -> str:
    from django_otp.oath import TOTP

    from guichet.core import clock

    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = clock.now().timestamp()
    return f"{totp.token():0{device.digits}d}"


def test_a_post_to_a_staff_action_is_refused_before_the_code(case):
    officer = staff_make("officer")
    http = password_signed_in(officer)
    response = http.post(
        f"/en/staff/cases/{case.pk}/steps/", {"step": "completeness-check", "state": "completed"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/en/staff/two-step/"
    assert case.steps.get(step_type__code="completeness-check").state == "in_progress"


def test_a_wrong_code_is_refused_and_a_right_one_verifies_the_session():
    officer = staff_make("officer")
    http = password_signed_in(officer)
    wrong = http.post("/fr/personnel/deux-etapes/", {"token": "000000"})
    assert wrong.status_code == 200
    assert "Ce code" in wrong.text and 'aria-invalid="true"' in wrong.text
    assert http.get("/en/staff/cases/").status_code == 302
    TOTPDevice.objects.filter(user=officer).update(throttling_failure_count=0)
    right = http.post("/en/staff/two-step/", {"token": staff_code(officer)})
    assert right["Location"] == "/en/staff/cases/"
    assert http.get("/en/staff/cases/").status_code == 200
    assert http.session.get("otp_device_id")


def test_the_code_page_does_not_follow_an_outside_next():
    officer = staff_make("officer")
    http = password_signed_in(officer)
    response = http.post(
        "/en/staff/two-step/", {"token": staff_code(officer), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/en/staff/cases/"


def test_clients_are_not_asked_for_a_staff_code():
    from django.contrib.auth.models import User

    http = HttpClient()
    http.force_login(User.objects.create_user(username="client@example.ca"))
    assert http.get("/en/").status_code == 200


@override_settings(STAFF_IDLE_TIMEOUT=15 * 60)
def test_an_idle_staff_session_is_signed_out(monkeypatch):
    from guichet.core import clock

    start = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
    now = {"at": start}
    monkeypatch.setattr(clock, "now", lambda: now["at"])
    http = HttpClient()
    http.force_login(staff_make("officer"))
    assert http.get("/en/staff/cases/").status_code == 200
    now["at"] = start + dt.timedelta(minutes=14)
    assert http.get("/en/staff/cases/").status_code == 200  # activity keeps it open
    now["at"] = start + dt.timedelta(minutes=28)
    assert http.get("/en/staff/cases/").status_code == 200  # 14 minutes since the last
    now["at"] = start + dt.timedelta(minutes=44)
    response = http.get("/en/staff/cases/")
    assert response.status_code == 302
    assert response["Location"] == "/en/staff/sign-in/?next=%2Fen%2Fstaff%2Fcases%2F"
    page = http.get(response["Location"])
    assert "signed out after a period without activity" in page.text
    assert http.get("/en/staff/cases/")["Location"].startswith("/en/staff/sign-in/")


def test_passwords_need_at_least_12_characters():
    with pytest.raises(ValidationError) as refused:
        validate_password("Xq7#pLm2vZ9")  # 11 characters
    assert "at least 12 characters" in " ".join(refused.value.messages)
    validate_password("Xq7#pLm2vZ9w")  # 12
