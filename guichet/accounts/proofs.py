"""Checking that someone knows an applicant's details, in the same time whether or not the
application exists.

Both routes run the same query whatever the answer, then compare keyed hashes of what was
expected and what was given with `hmac.compare_digest`. When the number (or UCI) is unknown a
filler record is compared instead, so an unknown number and a known one with wrong details
take the same path. Names are compared with core.text.name_key (case, accents, spaces,
hyphens and apostrophes do not matter).
"""

import datetime as dt
import hmac

from django.db import connection
from django.utils.crypto import salted_hmac

from guichet.cases.models import Case
from guichet.clients.models import Client
from guichet.core.identifiers import ApplicationNumber
from guichet.core.text import name_key

_SALT = "guichet.accounts.proofs"
_FILLER = "1900-01-01"
# Raw SQL: this runs on every public look-up, where the ORM's cost to build the query would be
# most of the time spent. Plain SQL, the same on SQLite and PostgreSQL.
_BY_SERIAL = (
    f"SELECT c.id, c.application_number, p.family_key, p.date_of_birth "  # noqa: S608
    f"FROM {Case._meta.db_table} c JOIN {Client._meta.db_table} p ON p.id = c.client_id "
    f"WHERE c.serial = %s"
)
_BY_UCI = (
    f"SELECT id, family_key, given_key, date_of_birth FROM {Client._meta.db_table} "  # noqa: S608
    f"WHERE uci = %s"
)


def _first(sql: str, value: int | str) -> tuple | None:
    with connection.cursor() as cursor:
        cursor.execute(sql, [value])
        return cursor.fetchone()


def _fingerprint(*parts: str) -> bytes:
    return salted_hmac(_SALT, "\x1f".join(parts), algorithm="sha256").digest()


def case_id_by_number_proof(
    *, number: ApplicationNumber, family_name: str, date_of_birth: dt.date
) -> tuple[int | None, int | None]:
    """(case id when the details match, else None; case id when the number exists, else None).

    The second value is for the audit trail only; callers must answer the same either way.
    """
    row = _first(_BY_SERIAL, number.serial)
    found = row is not None
    case_id, application_number, family_key, born = row or (0, "X", "\x00", _FILLER)
    matched = case_proof_matches(
        stored=(application_number, family_key, str(born)),
        number=number,
        family_name=family_name,
        date_of_birth=date_of_birth,
    )
    return (case_id if matched and found else None), (case_id if found else None)


def case_proof_matches(
    *,
    stored: tuple[str, str, str] | None,
    number: ApplicationNumber,
    family_name: str,
    date_of_birth: dt.date,
) -> bool:
    """Whether the details given prove the case whose (application number, family key, date
    of birth as YYYY-MM-DD) are `stored`; None (no such number) compares a filler record, so
    that an unknown number and a wrong proof take the same time."""
    application_number, family_key, born = stored or ("X", "\x00", _FILLER)
    # SQLite gives the date as text, PostgreSQL as a date: str() is YYYY-MM-DD for both.
    expected = _fingerprint(application_number[0] if number.letter else "", family_key, born)
    given = _fingerprint(number.letter or "", name_key(family_name), date_of_birth.isoformat())
    return hmac.compare_digest(expected, given) and stored is not None


def client_id_by_uci_proof(
    *, uci: str, family_name: str, given_names: str, date_of_birth: dt.date
) -> tuple[int | None, int | None]:
    """(client id when the details match, else None; client id when the UCI exists, else None)."""
    row = _first(_BY_UCI, uci)
    found = row is not None
    client_id, family_key, given_key, born = row or (0, "\x00", "\x00", _FILLER)
    expected = _fingerprint(family_key, given_key, str(born))
    given = _fingerprint(name_key(family_name), name_key(given_names), date_of_birth.isoformat())
    matched = hmac.compare_digest(expected, given)
    return (client_id if matched and found else None), (client_id if found else None)
