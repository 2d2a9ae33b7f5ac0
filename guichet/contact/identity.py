"""Confirming who is on the line, with the web's proof: the 9 digits of an application number,
the family name's first 3 letters keyed on the keypad (2 = ABC…, contact.ivr.keypad; all its
letters when it is shorter) and the date of birth.

Failures count in the same throttle as the web status look-up (ADR 0018: failures on the application
number, and against the caller's phone number as its source — never Twilio's address, which every
call shares; a correct proof gives its attempt back), so nobody gains tries by switching from the
web to the phone, and failures from other callers never refuse a caller with the right answers. A
caller whose number is withheld is the source "anonymous", shared by all such callers: at worst they
are handed to an agent.

An unknown number and a known one with the wrong name or date take the same path: one query whatever
the answer, then a constant-time comparison of keyed hashes against a filler record when the
number does not exist, and the same throttle rows written.
"""

import datetime as dt
import hmac
from dataclasses import dataclass

from django.utils.crypto import salted_hmac

from guichet.accounts.services.throttle import (
    proof_attempt,
    proof_failed,
    proof_guard,
    proof_succeeded,
)
from guichet.cases.models import Case
from guichet.contact.ivr.keypad import keypad_digits
from guichet.core.identifiers import ApplicationNumber

_SALT = "guichet.contact.identity"
_FILLER_DATE = dt.date(1900, 1, 1)


@dataclass(frozen=True)
class CallerIdentity:
    case_id: int | None  # set only when the number and the date match
    client_id: int | None = None
    service_id: int | None = None
    locked: bool = False  # too many failures on this number: no look-up was made


def _fingerprint(value: str) -> bytes:
    return salted_hmac(_SALT, value, algorithm="sha256").digest()


ANONYMOUS = "anonymous"


def _proof(family_name_keys: str, born: dt.date) -> bytes:
    return _fingerprint(f"{family_name_keys}\x1f{born.isoformat()}")


def caller_identify(
    *, number: ApplicationNumber, family_name_keys: str, date_of_birth: dt.date, caller: str = ""
) -> CallerIdentity:
    """The case these details prove, counting the attempt against `caller` (Twilio's From:
    the calling number, kept only as a keyed hash in the throttle) and a failure against the
    number. `family_name_keys` are the keys of the family name's first letters as keyed.
    Call inside the request's transaction; the failure is recorded with it.
    """
    guard = proof_guard("application_number", number.serial, [("caller", caller or ANONYMOUS)])
    if not proof_attempt(guard).allowed:
        return CallerIdentity(case_id=None, locked=True)
    rows = list(
        Case.objects.filter(serial=number.serial).values_list(
            "id", "client__date_of_birth", "client__family_key", "client_id", "service_id"
        )[:1]
    )
    found = bool(rows)
    case_id, born, family_key, client_id, service_id = (
        rows[0] if found else (0, _FILLER_DATE, "", 0, 0)
    )
    # The name's keys and the date compared at once: the caller is never told which was wrong.
    matched = hmac.compare_digest(
        _proof(keypad_digits(family_key), born), _proof(family_name_keys, date_of_birth)
    )
    if matched and found:
        proof_succeeded(guard)  # only failures use up the caller's budget
        return CallerIdentity(case_id=case_id, client_id=client_id, service_id=service_id)
    proof_failed(guard)
    return CallerIdentity(case_id=None)
