"""Finding cases (staff search, look-up by number)."""

import datetime as dt

from django.db.models import QuerySet

from guichet.cases.models import Case
from guichet.core.identifiers import application_number_parse, uci_parse
from guichet.core.text import name_key


def case_get_by_number(*, application_number: str) -> Case | None:
    """The case with this number (letter optional), or None. Raises InvalidInput if malformed."""
    number = application_number_parse(application_number)
    case = Case.objects.select_related("service", "client").filter(serial=number.serial).first()
    if case is None or (number.letter and case.application_number[0] != number.letter):
        return None
    return case


def case_search(
    *,
    application_number: str = "",
    uci: str = "",
    family_name: str = "",
    date_of_birth: dt.date | None = None,
    limit: int = 50,
) -> QuerySet[Case]:
    """Staff search by number, UCI, or family name with date of birth (never a name alone)."""
    cases = Case.objects.select_related("service", "client").order_by("-received_at")
    if application_number:
        return cases.filter(serial=application_number_parse(application_number).serial)[:limit]
    if uci:
        return cases.filter(client__uci=uci_parse(uci))[:limit]
    if family_name and date_of_birth:
        return cases.filter(
            client__family_key=name_key(family_name), client__date_of_birth=date_of_birth
        )[:limit]
    return cases.none()
