"""Reading client records."""

import datetime as dt

from django.db.models import QuerySet

from guichet.clients.models import Client
from guichet.core.text import name_key


def client_find(
    *, family_name: str, date_of_birth: dt.date, given_names: str | None = None
) -> QuerySet[Client]:
    """Clients with this family name (normalised) and date of birth, optionally given names."""
    clients = Client.objects.filter(family_key=name_key(family_name), date_of_birth=date_of_birth)
    if given_names:
        clients = clients.filter(given_key=name_key(given_names))
    return clients
