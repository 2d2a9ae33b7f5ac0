"""Linking applications to an account, by proof of the applicant's details. One transaction
each for what is kept.

Two routes: the application number with the family name and date of birth, or the UCI with the
family and given names and date of birth (which links every application of that client, and still
works when someone is guessing at the number). A failed proof counts against the application number
(or UCI) and against the account and the client's address (the attempt is taken before the proof,
race-safe, and given back when it succeeds: ADR 0018). Past the number's limit, the account and
address that failed on it wait a growing delay; nobody else does, so a correct proof is never
refused because of others' failures.

An unknown number and a known one with wrong details get the same error, after the same work:
the proof itself runs in constant time (accounts.proofs), and both write the same throttle
rows and the same kind of audit record.
"""

import datetime as dt

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from guichet.accounts.errors import Throttled, no_match
from guichet.accounts.models import ClientAccount, LinkRoute
from guichet.accounts.proofs import case_id_by_number_proof, client_id_by_uci_proof
from guichet.accounts.services.linking import (  # noqa: F401  (re-exported for views)
    AUDIT_LINK,
    AUDIT_LINK_FAILED,
    AUDIT_UNLINK,
    LinkOutcome,
    case_link_get_for_update,
    case_link_preferences_update,
    case_link_remove,
    case_links_create,
)
from guichet.accounts.services.throttle import (
    ProofGuard,
    proof_attempt,
    proof_failed,
    proof_guard,
    proof_succeeded,
)
from guichet.cases.models import Case
from guichet.clients import validators as v
from guichet.core.audit import audit_record
from guichet.core.errors import InvalidInput, NotFound
from guichet.core.identifiers import application_number_parse, uci_parse


def _check(guard: ProofGuard) -> None:
    verdict = proof_attempt(guard)
    if not verdict.allowed:
        raise Throttled(verdict.retry_after)


def _fail(
    *, guard: ProofGuard, user: User, route: str, target_type: str, target_id: int | None
) -> NotFound:
    """Count and audit a failed proof (committed even though the caller then raises)."""
    with transaction.atomic():
        proof_failed(guard)
        audit_record(
            actor=user,
            action=AUDIT_LINK_FAILED,
            target_type=target_type,
            target_id=target_id or "",
            detail=f"failed proof to link an application ({route} route)",
        )
    return no_match() if route == LinkRoute.APPLICATION_NUMBER else no_match_uci()


def no_match_uci() -> NotFound:
    return NotFound(
        _(
            "We could not find a client with these details. Check the UCI, the names and the "
            "date of birth as they appear on your documents."
        )
    )


def family_name_check(value: str | None, *, field: str = "family_name") -> str:
    return v.required_text(value, field=field, max_length=100)


def case_link_by_number(
    *,
    account: ClientAccount,
    application_number: str,
    family_name: str,
    date_of_birth: dt.date | str,
    ip: str,
) -> LinkOutcome:
    """Link one application, proven by its number, the family name and the date of birth.

    Raises InvalidInput (a malformed field: not counted), Throttled or NotFound.
    """
    number = application_number_parse(application_number)
    family_name = family_name_check(family_name)
    born = v.date_of_birth_check(date_of_birth)
    guard = proof_guard("application_number", number.serial, [("account", account.pk), ("ip", ip)])
    _check(guard)
    case_id, known_case_id = case_id_by_number_proof(
        number=number, family_name=family_name, date_of_birth=born
    )
    if case_id is None:
        raise _fail(
            guard=guard,
            user=account.user,
            route=LinkRoute.APPLICATION_NUMBER,
            target_type="case",
            target_id=known_case_id,
        )
    proof_succeeded(guard)  # only failures use up the account's and address's budgets
    return case_links_create(
        account=account, case_ids=[case_id], route=LinkRoute.APPLICATION_NUMBER
    )


def case_link_by_uci(
    *,
    account: ClientAccount,
    uci: str,
    family_name: str,
    given_names: str,
    date_of_birth: dt.date | str,
    ip: str,
) -> LinkOutcome:
    """Link every application of the client proven by UCI, names and date of birth."""
    uci = uci_parse(uci)
    family_name = family_name_check(family_name)
    given_names = v.required_text(given_names, field="given_names", max_length=150)
    born = v.date_of_birth_check(date_of_birth)
    guard = proof_guard("uci", uci, [("account", account.pk), ("ip", ip)])
    _check(guard)
    client_id, known_client_id = client_id_by_uci_proof(
        uci=uci, family_name=family_name, given_names=given_names, date_of_birth=born
    )
    if client_id is None:
        raise _fail(
            guard=guard,
            user=account.user,
            route=LinkRoute.UCI,
            target_type="client",
            target_id=known_client_id,
        )
    proof_succeeded(guard)
    case_ids = list(
        Case.objects.filter(client_id=client_id)
        .order_by("received_at")
        .values_list("id", flat=True)
    )
    if not case_ids:
        raise InvalidInput(
            _("We found you, but there is no application in your file yet."), field="uci"
        )
    return case_links_create(account=account, case_ids=case_ids, route=LinkRoute.UCI)
