"""Test data built through the real services, so tests exercise the same paths as users."""

import datetime as dt
import itertools

from django.contrib.auth.models import Group, User

from guichet.cases.models import Case
from guichet.cases.services import case_receive
from guichet.clients.models import Client
from guichet.clients.services import client_create

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
) -> Case:
    return case_receive(
        client=client or client_make(),
        service_code=service_code,
        channel=channel,
        received_at=received_at,
    )


def staff_make(
    role: str,
    username: str | None = None,
    password: str = "a-long-test-password",  # noqa: S107
) -> User:
    user = User.objects.create_user(
        username=username or f"{role}{next(_counter)}", password=password
    )
    user.groups.add(Group.objects.get(name=role))
    return user
