"""Writing client records."""

import datetime as dt

from django.db import IntegrityError, transaction

from guichet.clients import validators as v
from guichet.clients.contact_details import ContactDetails
from guichet.clients.models import Client
from guichet.core.identifiers import uci_parse, uci_random
from guichet.core.text import name_key


@transaction.atomic
def client_create(
    *,
    family_name: str,
    given_names: str,
    date_of_birth: dt.date | str,
    sex: str,
    preferred_language: str = "en",
    phone: str = "",
    email: str = "",
    uci: str | None = None,
    address_line: str = "",
    city: str = "",
    province: str = "",
    postal_code: str = "",
    country: str = "CA",
) -> Client:
    """Create a client after checking every field; a UCI is issued when none is given."""
    client = Client(
        family_name=v.required_text(family_name, field="family_name", max_length=100),
        given_names=v.required_text(given_names, field="given_names", max_length=150),
        date_of_birth=v.date_of_birth_check(date_of_birth),
        sex=v.sex_check(sex),
        preferred_language=v.language_check(preferred_language),
        phone=v.phone_normalise(phone),
        email=v.email_check(email),
        address_line=address_line.strip(),
        city=city.strip(),
        province=province.strip(),
        postal_code=v.postal_code_normalise(postal_code, country=country),
        country=country,
    )
    client.family_key = name_key(client.family_name)
    client.given_key = name_key(client.given_names)
    if uci:
        client.uci = uci_parse(uci)
        client.full_clean(exclude=["uci"])
        client.save()
        return client
    # A fresh UCI collides rarely; try again inside a savepoint when it does.
    for _attempt in range(5):
        client.uci = uci_random()
        try:
            with transaction.atomic():
                client.save()
            return client
        except IntegrityError:
            client.pk = None
    raise RuntimeError("could not issue a unique UCI")


@transaction.atomic
def client_contact_update(
    *, client_id: int, details: ContactDetails
) -> tuple[Client, ContactDetails]:
    """Replace the client's Canadian mailing address and contact details; returns the client
    and the details it had before. `details` comes from `contact_details_check`."""
    client = Client.objects.select_for_update().get(pk=client_id)
    before = ContactDetails.of(client)
    client.address_line, client.city, client.province = (
        details.address_line,
        details.city,
        details.province,
    )
    client.postal_code, client.country = details.postal_code, "CA"
    client.phone, client.email = details.phone, details.email
    client.save(
        update_fields=[
            "address_line",
            "city",
            "province",
            "postal_code",
            "country",
            "phone",
            "email",
        ]
    )
    return client, before
