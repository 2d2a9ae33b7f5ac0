import datetime as dt

import pytest

from guichet.clients.services import client_create
from guichet.core.errors import InvalidInput
from guichet.core.identifiers import uci_parse

VALID = {
    "family_name": " Tremblay-Gagné ",
    "given_names": "Marie  Ève",
    "date_of_birth": "1985-03-14",
    "sex": "X",
    "preferred_language": "fr",
    "phone": "(613) 555-0142",
    "email": "marie@example.ca",
    "postal_code": "k1a0b1",
}


@pytest.mark.django_db
def test_client_is_created_with_normalised_fields():
    client = client_create(**VALID)
    assert client.family_name == "Tremblay-Gagné"
    assert client.given_names == "Marie Ève"
    assert client.family_key == "tremblaygagne"
    assert client.phone == "+16135550142"
    assert client.postal_code == "K1A 0B1"
    assert client.sex == "X"
    assert uci_parse(client.uci) == client.uci


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("family_name", "  "),
        ("date_of_birth", (dt.date.today() + dt.timedelta(days=1)).isoformat()),
        ("date_of_birth", "14/03/1985"),
        ("sex", "Q"),
        ("preferred_language", "de"),
        ("phone", "12345"),
        ("email", "not-an-email"),
        ("postal_code", "12345"),
    ],
)
def test_bad_input_names_the_field_and_writes_nothing(field, value, django_user_model):
    from guichet.clients.models import Client

    with pytest.raises(InvalidInput) as error:
        client_create(**{**VALID, field: value})
    assert error.value.field == field
    assert error.value.text("fr") and error.value.text("en")
    assert Client.objects.count() == 0
