"""The public status look-up: no account, the application number with the family name and date
of birth. Same proof and throttle as linking (accounts.linking), so an attacker gains nothing
by switching from the web to the API, and the answer comes from the one status selector.

Two forms share the proof and the throttle: `status_lookup` gives the selector's view (the
public status-check page renders it), `status_lookup_document` gives the API's JSON bytes from
the status read model (ADR 0019): one query proves the case and reads its stored answer.
"""

import datetime as dt
from typing import NoReturn

from django.db import transaction

from guichet.accounts.errors import Throttled, no_match
from guichet.accounts.linking import family_name_check
from guichet.accounts.proofs import case_id_by_number_proof, case_proof_matches
from guichet.accounts.services.throttle import (
    ProofGuard,
    proof_attempt,
    proof_failed,
    proof_guard,
    proof_succeeded,
)
from guichet.clients import validators as v
from guichet.core.identifiers import ApplicationNumber, application_number_parse
from guichet.status.readmodel import status_document_answer, status_document_by_serial
from guichet.status.selectors import case_status_get
from guichet.status.signals import status_shown
from guichet.status.types import CaseStatusView


def status_lookup(
    *,
    application_number: str,
    family_name: str,
    date_of_birth: dt.date | str,
    ip: str,
    language: str,
    channel: str = "api",
) -> CaseStatusView:
    """The status of the case these details prove, in `language`.

    Raises InvalidInput naming the field (malformed number, date, missing name: not counted),
    Throttled (too many attempts from this address, or this address failed on this number
    while it is being guessed at: ADR 0018), or NotFound (the same for an unknown number and
    for details that do not match). Failures from other addresses never refuse a correct proof.

    `channel` only names where the answer was shown, for the digital take-up count: "api" for
    the public API, "web" for the public status-check page (accounts.views.status), which
    calls this same function so the proof and the throttle cannot drift apart.
    """
    number, family_name, born, guard = _proof_begin(
        application_number, family_name, date_of_birth, ip
    )
    case_id, _known = case_id_by_number_proof(
        number=number, family_name=family_name, date_of_birth=born
    )
    if case_id is None:
        _proof_failed(guard)
    proof_succeeded(guard)  # only failures use up the address's budget (ADR 0018)
    view = case_status_get(case_id=case_id, language=language)
    status_shown.send(sender=__name__, channel=channel)  # digital take-up: a count, no person
    return view


def status_lookup_document(
    *,
    application_number: str,
    family_name: str,
    date_of_birth: dt.date | str,
    ip: str,
    language: str,
) -> bytes:
    """The API's answer (UTF-8 JSON) for the case these details prove, in `language`: the same
    checks, errors and throttle as status_lookup, then one query that proves the case and
    reads its stored status (status.readmodel), whatever the answer."""
    number, family_name, born, guard = _proof_begin(
        application_number, family_name, date_of_birth, ip
    )
    row = status_document_by_serial(serial=number.serial, language=language)
    stored = None if row is None else (row.application_number, row.family_key, row.date_of_birth)
    if row is None or not case_proof_matches(
        stored=stored, number=number, family_name=family_name, date_of_birth=born
    ):
        _proof_failed(guard)
    proof_succeeded(guard)  # only failures use up the address's budget (ADR 0018)
    answer = status_document_answer(row)
    status_shown.send(sender=__name__, channel="api")  # digital take-up: a count, no person
    return answer


def _proof_begin(
    application_number: str, family_name: str, date_of_birth: dt.date | str, ip: str
) -> tuple[ApplicationNumber, str, dt.date, ProofGuard]:
    """Check the fields (InvalidInput, not counted), then take the attempt (Throttled)."""
    number = application_number_parse(application_number)
    family_name = family_name_check(family_name)
    born = v.date_of_birth_check(date_of_birth)
    guard = proof_guard("application_number", number.serial, [("ip", ip)])
    verdict = proof_attempt(guard)  # one statement, given back by proof_succeeded
    if not verdict.allowed:
        raise Throttled(verdict.retry_after)
    return number, family_name, born, guard


def _proof_failed(guard: ProofGuard) -> NoReturn:
    with transaction.atomic():
        proof_failed(guard)
    raise no_match()
