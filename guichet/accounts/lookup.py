"""The public status look-up: no account, the application number with the family name and date
of birth. Same proof and throttle as linking (accounts.linking), so an attacker gains nothing
by switching from the web to the API, and the answer comes from the one status selector.
"""

import datetime as dt

from django.db import transaction

from guichet.accounts.errors import Throttled, no_match
from guichet.accounts.linking import family_name_check
from guichet.accounts.proofs import case_id_by_number_proof
from guichet.accounts.services.throttle import (
    proof_attempt,
    proof_failed,
    proof_guard,
    proof_succeeded,
)
from guichet.clients import validators as v
from guichet.core.identifiers import application_number_parse
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
    number = application_number_parse(application_number)
    family_name = family_name_check(family_name)
    born = v.date_of_birth_check(date_of_birth)
    guard = proof_guard("application_number", number.serial, [("ip", ip)])
    verdict = proof_attempt(guard)  # one atomic statement, taken before the proof
    if not verdict.allowed:
        raise Throttled(verdict.retry_after)
    case_id, _known = case_id_by_number_proof(
        number=number, family_name=family_name, date_of_birth=born
    )
    if case_id is None:
        with transaction.atomic():
            proof_failed(guard)
        raise no_match()
    proof_succeeded(guard)  # only failures use up the address's budget
    view = case_status_get(case_id=case_id, language=language)
    status_shown.send(sender=__name__, channel=channel)  # digital take-up: a count, no person
    return view
