"""A Canadian address is checked before it is kept: format, province, and the postal code's
first letter against the province."""

import pytest

from guichet.clients.contact_details import contact_details_check
from guichet.core.errors import InvalidInput

GOOD = {
    "address_line": "365 Laurier Avenue West",
    "city": "Ottawa",
    "province": "on",
    "postal_code": "k1a0b1",
    "phone": "613-555-0123",
    "email": "anne@example.ca",
}


def test_a_good_address_is_normalised():
    details = contact_details_check(**GOOD)
    assert (details.province, details.postal_code, details.phone) == (
        "ON",
        "K1A 0B1",
        "+16135550123",
    )


@pytest.mark.parametrize(
    ("changes", "field", "english", "french"),
    [
        ({"address_line": " "}, "address_line", "required", "obligatoire"),
        ({"city": ""}, "city", "required", "obligatoire"),
        ({"province": ""}, "province", "Choose a province", "Choisissez une province"),
        ({"province": "ZZ"}, "province", "from the list", "dans la liste"),
        ({"postal_code": ""}, "postal_code", "Enter the postal code.", "Entrez le code postal."),
        ({"postal_code": "12345"}, "postal_code", "K1A 0B1", "K1A 0B1"),
        ({"postal_code": "D1A 0B1"}, "postal_code", "not valid", "valide"),
        ({"province": "QC"}, "postal_code", "not in the province", "pas dans la province"),
        ({"phone": "12"}, "phone", "not valid", "valide"),
        ({"email": "not-an-address"}, "email", "not valid", "valide"),
    ],
)
def test_a_bad_address_names_the_field_in_both_languages(changes, field, english, french):
    with pytest.raises(InvalidInput) as caught:
        contact_details_check(**{**GOOD, **changes})
    assert caught.value.field == field
    assert english in caught.value.text("en")
    assert french in caught.value.text("fr")


@pytest.mark.parametrize(
    ("province", "postal_code"),
    [("QC", "H2X 1Y4"), ("NU", "X0A 0H0"), ("NT", "X1A 2L9"), ("BC", "V6B 4Y8"), ("NL", "A1C 5M2")],
)
def test_each_province_takes_its_own_letters(province, postal_code):
    details = contact_details_check(**{**GOOD, "province": province, "postal_code": postal_code})
    assert details.province == province
