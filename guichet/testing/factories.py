"""Test data built through the real services, so tests exercise the same paths as users."""

import datetime as dt
import itertools

from django.contrib.auth.models import Group, User
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice

from guichet.accounts.services import TOTP_NAME
from guichet.cases.models import Case
from guichet.cases.services import case_receive
from guichet.clients.models import Client
from guichet.clients.services import client_create
from guichet.core import clock

_counter = itertools.count(1)


def client_make(**overrides: object) -> Client:
    n = next(_counter)
    fields: dict[str, object] = {
        "family_name": f"Tremblay-Gagné{n}",
        "given_names": "Marie-Ève",
        "date_of_birth": dt.date(1985, 3, 14),
        "sex": "F",
        "preferred_language": "fr",
        "phone": "+16135550100",
        "email": f"client{n}@example.ca",
    }
    fields.update(overrides)
    return client_create(**fields)  # type: ignore[arg-type]


def case_make(
    *,
    service_code: str = "spouse-in-canada",
    channel: str = "paper",
    client: Client | None = None,
    received_at: dt.datetime | None = None,
    applied_from: str = "",
) -> Case:
    return case_receive(
        client=client or client_make(),
        service_code=service_code,
        channel=channel,
        received_at=received_at,
        applied_from=applied_from,
    )


def staff_make(
    role: str,
    username: str | None = None,
    password: str = "a-long-test-password",  # noqa: S107
    *,
    two_step: bool = True,
) -> User:
    """A staff member holding `role`. Two-step verification is required of every staff
    member, so by default they have a confirmed authenticator (`staff_device`), and
    `force_login` gives them an OTP-verified session (guichet.testing.staff)."""
    user = User.objects.create_user(
        username=username or f"{role}{next(_counter)}", password=password
    )
    user.groups.add(Group.objects.get(name=role))
    if two_step:
        staff_device_add(user)
    return user


def staff_device_add(user: User) -> TOTPDevice:
    """A confirmed authenticator for a user made another way (a superuser, say)."""
    return TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=True)


def staff_device(user: User) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, name=TOTP_NAME, confirmed=True).first()


def staff_code(user: User) -> str:
    """The code the staff member's authenticator shows now."""
    device = staff_device(user)
    assert device is not None, f"{user.username} has no authenticator"
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = clock.now().timestamp()
    return f"{totp.token():0{device.digits}d}"
