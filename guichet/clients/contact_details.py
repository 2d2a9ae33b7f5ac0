"""A client's Canadian mailing address and contact details, as one checked value."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from guichet.clients import validators as v
from guichet.clients.models import Client
from guichet.core.errors import InvalidInput


@dataclass(frozen=True)
class ContactDetails:
    address_line: str
    city: str
    province: str
    postal_code: str
    phone: str
    email: str

    @classmethod
    def of(cls, client: Client) -> "ContactDetails":
        return cls(
            address_line=client.address_line,
            city=client.city,
            province=client.province,
            postal_code=client.postal_code,
            phone=client.phone,
            email=client.email,
        )


def contact_details_check(
    *, address_line: str, city: str, province: str, postal_code: str, phone: str, email: str
) -> ContactDetails:
    """A Canadian mailing address and the contact details, checked; InvalidInput naming the
    first field at fault."""
    address = v.required_text(address_line, field="address_line", max_length=200)
    town = v.required_text(city, field="city", max_length=100)
    code = v.province_check(province)
    if not (postal_code or "").strip():
        raise InvalidInput(_("Enter the postal code."), field="postal_code")
    postal = v.postal_code_normalise(postal_code, country="CA")
    v.postal_code_in_province(postal, code)
    return ContactDetails(
        address_line=address,
        city=town,
        province=code,
        postal_code=postal,
        phone=v.phone_normalise(phone),
        email=v.email_check(email),
    )
