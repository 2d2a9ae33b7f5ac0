"""Sign-up, confirming the address, sign-in (lock-out, session fixation, two-step), password
reset and signing out everywhere. Messages are read from the notifications outbox."""

import datetime as dt
import re

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import Client as HttpClient
from django.urls import reverse
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from guichet.accounts.middleware import EPOCH_KEY
from guichet.accounts.models import ClientAccount
from guichet.accounts.tests.conftest import PASSWORD, account_make, signed_in
from guichet.core import clock
from guichet.notifications.models import Notification

pytestmark = pytest.mark.django_db
NEW_PASSWORD = "another-long-password-42"


def link_in(notification: Notification) -> str:
    """The path of the link in a message (the address's host is the public one)."""
    match = re.search(r"https?://[^/\s]+(/\S+)", notification.body)
    assert match, notification.body
    return match.group(1)


def sign_up(http, email="new.client@example.ca", password=PASSWORD, language="fr", url=None):
    return http.post(
        url or reverse("accounts:sign-up"),
        {"email": email, "password": password, "password_confirm": password, "language": language},
    )


def sign_in(http, email, password=PASSWORD, **extra):
    return http.post(
        reverse("accounts:sign-in"), {"username": email, "password": password}, **extra
    )


def test_sign_up_confirm_then_sign_in():
    http = HttpClient()
    response = sign_up(http, email="New.Client@Example.ca", url="/fr/compte/inscription/")
    assert response.status_code == 302
    assert response["Location"] == "/fr/compte/inscription/consultez-vos-courriels/"
    account = ClientAccount.objects.get()
    assert account.email == "new.client@example.ca" and account.language == "fr"
    assert account.user.password.startswith(("argon2", "md5"))  # md5 only in the fast tests
    assert not account.email_verified
    message = Notification.objects.get(purpose="account_email_verification")
    assert message.recipient == "new.client@example.ca" and message.language == "fr"
    # Not signed in before the address is confirmed; a new link goes out.
    refused = sign_in(http, "new.client@example.ca")
    assert refused.status_code == 200
    assert "_auth_user_id" not in http.session
    assert Notification.objects.filter(purpose="account_email_verification").count() == 2
    path = link_in(message)
    assert path.startswith("/fr/compte/confirmer-courriel/")
    assert http.get(path).status_code == 302
    account.refresh_from_db()
    assert account.email_verified
    assert http.get(path).status_code == 400  # used: the token dies with the change
    assert sign_in(http, "NEW.client@example.ca").status_code == 302
    assert http.get(reverse("accounts:cases")).status_code == 200


def test_sign_up_with_a_taken_address_looks_the_same_and_tells_the_holder():
    holder = account_make(email="taken@example.ca", language="fr")
    first = sign_up(HttpClient(), email="taken@example.ca")
    fresh = sign_up(HttpClient(), email="fresh@example.ca")
    assert first.status_code == fresh.status_code == 302
    assert first["Location"] == fresh["Location"]
    assert ClientAccount.objects.filter(email="taken@example.ca").count() == 1
    notice = Notification.objects.get(purpose="account_exists")
    assert notice.recipient == holder.email and notice.language == "fr"


def test_sign_up_errors_name_their_field():
    response = sign_up(HttpClient(), email="not-an-address")
    assert response.status_code == 200
    assert response.context["form"].errors["email"]
    weak = sign_up(HttpClient(), email="ok@example.ca", password="12345678")
    assert weak.context["form"].errors["password"]
    assert not ClientAccount.objects.exists()


def test_the_session_key_changes_at_sign_in(account):
    http = HttpClient()
    http.get(reverse("accounts:sign-in"))
    session = http.session
    session["planted"] = "by an attacker"
    session.save()
    planted = session.session_key
    assert sign_in(http, account.email).status_code == 302
    assert http.session.session_key != planted
    assert http.cookies["sessionid"].value != planted


def test_staff_cannot_use_the_client_sign_in():
    User.objects.create_user(username="officer9", password=PASSWORD)
    response = sign_in(HttpClient(), "officer9")
    assert response.status_code == 200
    assert "_auth_user_id" not in response.client.session


def test_five_wrong_passwords_lock_that_address_and_username_for_a_while(account):
    attacker = {"REMOTE_ADDR": "203.0.113.66"}
    http = HttpClient()
    for _ in range(4):
        assert sign_in(http, account.email, "wrong-password", **attacker).status_code == 200
    locked = sign_in(http, account.email, "wrong-password", **attacker)
    assert locked.status_code == 429
    assert 0 < int(locked["Retry-After"]) <= 15 * 60
    # Even the right password is refused from there, for now…
    assert sign_in(http, account.email, **attacker).status_code == 429
    # …but the holder, from elsewhere, is not locked out by someone else's guessing.
    assert sign_in(HttpClient(), account.email, REMOTE_ADDR="198.51.100.1").status_code == 302
    # After the cool-off (15 minutes), the pair may try again.
    AccessAttempt.objects.update(attempt_time=dt.datetime.now(dt.UTC) - dt.timedelta(minutes=16))
    assert sign_in(HttpClient(), account.email, **attacker).status_code == 302


def test_password_reset(account):
    other_device = signed_in(account)
    assert other_device.get(reverse("accounts:cases")).status_code == 200
    http = HttpClient()
    unknown = http.post(reverse("accounts:password-reset"), {"email": "nobody@example.ca"})
    known = http.post(reverse("accounts:password-reset"), {"email": account.email.upper()})
    assert unknown.status_code == known.status_code == 302
    assert unknown["Location"] == known["Location"]
    message = Notification.objects.get(purpose="account_password_reset")
    assert message.recipient == account.email
    path = link_in(message)
    assert http.get(path).status_code == 200
    response = http.post(path, {"new_password": NEW_PASSWORD, "new_password_confirm": NEW_PASSWORD})
    assert response.status_code == 302
    assert http.post(path, {"new_password": "x", "new_password_confirm": "x"}).status_code == 400
    assert sign_in(HttpClient(), account.email, NEW_PASSWORD).status_code == 302
    # Every other session was signed out.
    assert other_device.get(reverse("accounts:cases")).status_code == 302


def test_sign_out_everywhere_ends_every_session(account):
    laptop, phone = HttpClient(), HttpClient()
    assert sign_in(laptop, account.email).status_code == 302
    assert sign_in(phone, account.email).status_code == 302
    assert phone.get(reverse("accounts:cases")).status_code == 200
    assert laptop.post(reverse("accounts:sign-out-everywhere")).status_code == 302
    assert laptop.get(reverse("accounts:cases")).status_code == 302
    assert phone.get(reverse("accounts:cases")).status_code == 302
    assert sign_in(phone, account.email).status_code == 302
    assert phone.get(reverse("accounts:cases")).status_code == 200


def test_sign_out(account):
    http = HttpClient()
    sign_in(http, account.email)
    assert http.get(reverse("accounts:sign-out")).status_code == 405
    assert http.post(reverse("accounts:sign-out")).status_code == 302
    assert http.get(reverse("accounts:cases")).status_code == 302


def test_a_client_session_has_an_idle_expiry_and_an_end(account, settings, monkeypatch):
    http = HttpClient()
    sign_in(http, account.email)
    assert http.session.get_expiry_age() == settings.ACCOUNTS_SESSION_IDLE_SECONDS
    assert http.session[EPOCH_KEY] == 0
    # Activity keeps it alive, but not past SESSION_COOKIE_AGE from sign-in.
    start = clock.now()
    monkeypatch.setattr(clock, "now", lambda: start + dt.timedelta(minutes=20))
    assert http.get(reverse("accounts:cases")).status_code == 200
    later = start + dt.timedelta(seconds=settings.SESSION_COOKIE_AGE + 60)
    monkeypatch.setattr(clock, "now", lambda: later)
    assert http.get(reverse("accounts:cases")).status_code == 302


def code_now(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def test_two_step_verification(account):
    http = signed_in(account)
    page = http.get(reverse("accounts:two-factor"))
    assert page.status_code == 200
    assert "<svg" in page.content.decode()
    device = TOTPDevice.objects.get(user=account.user, confirmed=False)
    assert http.post(reverse("accounts:two-factor"), {"token": "000000"}).status_code == 200
    device.refresh_from_db()
    device.throttling_failure_count = 0
    device.save()
    assert http.post(reverse("accounts:two-factor"), {"token": code_now(device)}).status_code == 302
    assert TOTPDevice.objects.get(user=account.user).confirmed
    # This session carries on; signing in now takes the code too.
    assert http.get(reverse("accounts:cases")).status_code == 200
    fresh = HttpClient()
    response = sign_in(fresh, account.email)
    assert response["Location"] == reverse("accounts:sign-in-code")
    assert fresh.get(reverse("accounts:cases")).status_code == 302
    assert fresh.post(reverse("accounts:sign-in-code"), {"token": "123456"}).status_code == 200
    assert fresh.get(reverse("accounts:cases")).status_code == 302
    device = TOTPDevice.objects.get(user=account.user)
    device.throttling_failure_count, device.last_t = 0, -1
    device.save()
    assert (
        fresh.post(reverse("accounts:sign-in-code"), {"token": code_now(device)}).status_code == 302
    )
    assert fresh.get(reverse("accounts:cases")).status_code == 200


def test_the_code_step_expires(account, monkeypatch):
    device = TOTPDevice.objects.create(user=account.user, name="authenticator", confirmed=True)
    http = HttpClient()
    sign_in(http, account.email)
    later = clock.now() + dt.timedelta(minutes=6)
    monkeypatch.setattr(clock, "now", lambda: later)
    response = http.post(reverse("accounts:sign-in-code"), {"token": code_now(device)})
    assert response.status_code == 302 and response["Location"] == reverse("accounts:sign-in")
