"""Writes of the intake module: register a paper package, submit an online application.

Each is one transaction that creates or matches the client, opens the case and queues the
receipt confirmation in the outbox (guichet.notifications), so the confirmation is sent if and
only if the case exists. Exactly once: a paper package by its barcode, an online application
by the submission key drawn when the applicant started the form.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case
from guichet.cases.services import case_receive
from guichet.catalogue.selectors import service_get
from guichet.clients.models import Client
from guichet.clients.services import client_create
from guichet.core.audit import audit_record
from guichet.core.errors import Conflict, InvalidInput
from guichet.core.text import name_key
from guichet.identity_link.selectors import client_resolve
from guichet.identity_link.services import duplicate_reviews_record
from guichet.intake.models import OnlineApplication, PaperReceipt
from guichet.intake.validation import ApplicantInput, PaperReceiptInput
from guichet.notifications.services import OutboxMessage, notifications_queue_new

RECEIPT_PURPOSE = "receipt_confirmation"
Actor = AbstractBaseUser | AnonymousUser | None


@dataclass(frozen=True)
class ReceiptOutcome:
    application_number: str
    case_id: int
    # False when the package had been registered already (nothing new was written or sent).
    created: bool


def _staff(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def _serialise_on(key: str) -> None:
    """Make concurrent transactions about the same person take turns until they commit.

    PostgreSQL: a transaction-scoped advisory lock. SQLite: transactions already take the
    write lock when they start (transaction_mode IMMEDIATE), so there is nothing to do.
    """
    if connection.vendor == "postgresql":
        number = int.from_bytes(hashlib.sha256(key.encode()).digest()[:8], "big", signed=True)
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [number])


def client_match_or_create(*, applicant: ApplicantInput) -> Client:
    """The client with this UCI (whose name and birth date must agree), else the existing
    client the identity link is certain of, else a new client (with a possible duplicate
    when the link is in doubt). Call inside a transaction."""
    family_key = name_key(applicant.family_name)
    _serialise_on(f"client:{family_key}:{applicant.date_of_birth.isoformat()}")
    if applicant.uci:
        client = Client.objects.filter(uci=applicant.uci).first()
        if client is not None:
            if client.family_key != family_key or client.date_of_birth != applicant.date_of_birth:
                raise InvalidInput(
                    _("This UCI belongs to a client with another name or date of birth."),
                    field="applicant.uci",
                )
            return client
        return _client_create(applicant)
    # One person, one client record (identity_link, ADR 0024): a certain match is attached;
    # a doubtful one gets a new client and a "possible duplicate" for staff; never a merge.
    resolution = client_resolve(
        family_name=applicant.family_name,
        given_names=applicant.given_names,
        date_of_birth=applicant.date_of_birth,
        sex=applicant.sex,
    )
    if resolution.client is not None:
        return resolution.client
    client = _client_create(applicant)
    if resolution.candidates:
        duplicate_reviews_record(
            client=client,
            candidates=resolution.candidates,
            model_version=resolution.model_version,
            source="intake",
        )
    return client


def _client_create(applicant: ApplicantInput) -> Client:
    return client_create(
        family_name=applicant.family_name,
        given_names=applicant.given_names,
        date_of_birth=applicant.date_of_birth,
        sex=applicant.sex,
        preferred_language=applicant.preferred_language,
        phone=applicant.phone,
        email=applicant.email,
        uci=applicant.uci or None,
    )


def receipt_confirmation_queue(
    *, case: Case, client: Client, language: str, phone: str, email: str, key: str
) -> None:
    """Queue the receipt confirmation by SMS and e-mail (each when there is an address).

    `key` identifies the intake record, never the person: it becomes the idempotency key.
    """
    service = service_get(code=case.service.code)
    context = {
        "application_number": case.application_number,
        "service_name": service.name(language),
    }
    # The key is built from the intake row inserted in this transaction, so it is new: the
    # messages go in without a savepoint, in three statements for both (the outbox's batch).
    notifications_queue_new(
        messages=[
            OutboxMessage(
                purpose=RECEIPT_PURPOSE,
                channel=channel,
                recipient=recipient,
                language=language,
                context=context,
                idempotency_key=f"{key}:{channel}",
                case_id=case.pk,
                client_id=client.pk,
            )
            for channel, recipient in (("sms", phone), ("email", email))
            if recipient
        ]
    )


def _receipt_replay(data: PaperReceiptInput) -> ReceiptOutcome | None:
    """The outcome of an earlier registration of this barcode; Conflict if it differs."""
    receipt = (
        PaperReceipt.objects.select_related("case")
        .filter(package_barcode=data.package_barcode)
        .first()
    )
    if receipt is None or receipt.case is None:
        return None
    if receipt.payload_digest != data.digest():
        raise Conflict(
            _(
                "This package was already registered with other details, as application "
                "%(number)s. Check the barcode."
            ),
            field="package_barcode",
            number=receipt.case.application_number,
        )
    return ReceiptOutcome(receipt.case.application_number, receipt.case.pk, created=False)


def paper_receipt_register(*, data: PaperReceiptInput, actor: Actor, source: str) -> ReceiptOutcome:
    """Register a paper package once: match or create the client, open the case with a P
    number, queue the confirmation. The same package again gives the same number."""
    replay = _receipt_replay(data)
    if replay is not None:
        return replay
    applicant = data.applicant
    try:
        with transaction.atomic():
            # First, so that a second registration of this barcode waits here for ours.
            receipt = PaperReceipt.objects.create(
                package_barcode=data.package_barcode,
                payload_digest=data.digest(),
                source=source,
                registered_by=_staff(actor),
            )
            client = client_match_or_create(applicant=applicant)
            case = case_receive(
                client=client,
                service_code=data.service_code,
                channel="paper",
                received_at=data.received_at,
                actor=_staff(actor),
            )
            receipt.case = case
            receipt.save(update_fields=["case"])
            receipt_confirmation_queue(
                case=case,
                client=client,
                language=applicant.preferred_language,
                phone=applicant.phone or client.phone,
                email=applicant.email or client.email,
                key=f"paper-receipt:{receipt.pk}",
            )
            audit_record(
                actor=actor,
                action="create",
                target_type="case",
                target_id=case.pk,
                detail=f"paper application registered ({source})",
            )
    except IntegrityError:
        # Another clerk registered this barcode between our look-up and our insert.
        replay = _receipt_replay(data)
        if replay is None:
            raise
        return replay
    return ReceiptOutcome(case.application_number, case.pk, created=True)


@dataclass(frozen=True)
class OnlineSubmission:
    form: str
    service_code: str
    submission_key: str
    applicant: ApplicantInput
    answers: dict[str, Any]
    documents: list[str]
    photo: str = ""


def online_application_submit(*, submission: OnlineSubmission) -> ReceiptOutcome:
    """Open the case (an E number) for an application made online; submitting the same form
    twice returns the first case."""
    existing = (
        OnlineApplication.objects.select_related("case")
        .filter(submission_key=submission.submission_key)
        .first()
    )
    if existing is not None:
        return ReceiptOutcome(existing.case.application_number, existing.case.pk, created=False)
    applicant = submission.applicant
    try:
        with transaction.atomic():
            client = client_match_or_create(applicant=applicant)
            case = case_receive(
                client=client, service_code=submission.service_code, channel="online"
            )
            application = OnlineApplication.objects.create(
                submission_key=submission.submission_key,
                form=submission.form,
                case=case,
                answers=submission.answers,
                documents=submission.documents,
                photo=submission.photo,
            )
            receipt_confirmation_queue(
                case=case,
                client=client,
                language=applicant.preferred_language,
                phone=applicant.phone,
                email=applicant.email,
                key=f"online-application:{application.pk}",
            )
    except IntegrityError:
        existing = (
            OnlineApplication.objects.select_related("case")
            .filter(submission_key=submission.submission_key)
            .first()
        )
        if existing is None:
            raise
        return ReceiptOutcome(existing.case.application_number, existing.case.pk, created=False)
    return ReceiptOutcome(case.application_number, case.pk, created=True)
