"""Writes on representatives: sign-up, staff verification, two-step verification, consents
and the record of every access. One transaction each; every check before the first write.

A representative is not a client: nothing here creates a ClientAccount or a CaseLink. What a
representative may see is decided on every request by `selectors.consent_for_case`.
"""

import datetime as dt

from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from guichet.accounts.services import TOTP_NAME, email_normalise, totp_device_get

# The same confirmation to the old and the new contact as a client's own change.
from guichet.accounts.services.contact_details import contact_details_record
from guichet.cases.models import Case
from guichet.clients.contact_details import ContactDetails
from guichet.clients.models import Client
from guichet.core import clock
from guichet.core.audit import audit_record
from guichet.core.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from guichet.documents.models import DocumentFile
from guichet.documents.services import document_upload
from guichet.representatives.models import (
    AccessAction,
    Consent,
    ConsentSource,
    Firm,
    Regulator,
    Representative,
    RepresentativeAccess,
    RepresentativeState,
)

RECHECK_DAYS = 365
USERNAME_PREFIX = "representative:"


def membership_number_normalise(value: str | None) -> str:
    """Letters and digits, upper case: "p-12 345" and "P12345" are the same member."""
    number = "".join(ch for ch in (value or "") if ch.isalnum()).upper()
    if not number:
        raise InvalidInput(_("Enter your membership number."), field="membership_number")
    if len(number) > 30:
        raise InvalidInput(
            _("A membership number has at most 30 letters and digits."), field="membership_number"
        )
    return number


def regulator_find(code: str | None) -> Regulator:
    regulator = Regulator.objects.filter(code=code or "").first()
    if regulator is None:
        raise InvalidInput(_("Choose the body that licenses you."), field="regulator")
    return regulator


def _name(value: str | None, field: str) -> str:
    text = " ".join((value or "").split())
    if not text:
        message = (
            _("Enter your family name.") if field == "family_name" else _("Enter your given names.")
        )
        raise InvalidInput(message, field=field)
    if len(text) > 100:
        raise InvalidInput(_("A name has at most 100 characters."), field=field)
    return text


def username_for(email: str) -> str:
    """Representatives' Django usernames never equal a client's (a client's is the address)."""
    return f"{USERNAME_PREFIX}{email}"


@transaction.atomic
def representative_sign_up(
    *,
    email: str,
    password: str,
    family_name: str,
    given_names: str,
    regulator_code: str,
    membership_number: str,
    language: str,
    firm_name: str = "",
) -> Representative:
    """Open a representative account, waiting for staff to verify the membership.

    Refused (Conflict, naming `membership_number`) when the regulator's member already has an
    account: one identity per representative."""
    address = email_normalise(email)
    family = _name(family_name, "family_name")
    given = _name(given_names, "given_names")
    regulator = regulator_find(regulator_code)
    number = membership_number_normalise(membership_number)
    try:
        password_validation.validate_password(password or "", User(username=address))
    except ValidationError as error:
        raise InvalidInput(" ".join(error.messages), field="password") from None
    if Representative.objects.filter(regulator=regulator, membership_number=number).exists():
        raise Conflict(
            _("This membership number already has a representative account."),
            field="membership_number",
        )
    if Representative.objects.filter(email=address).exists():
        raise Conflict(
            _("This e-mail address already has a representative account."), field="email"
        )
    now = clock.now()
    firm = None
    if firm_name.strip():
        firm, _created = Firm.objects.get_or_create(
            name=" ".join(firm_name.split())[:150], defaults={"created_at": now}
        )
    user = User.objects.create_user(username=username_for(address), email=address)
    user.set_password(password)
    user.save(update_fields=["password"])
    try:
        with transaction.atomic():
            return Representative.objects.create(
                user=user,
                email=address,
                family_name=family,
                given_names=given,
                regulator=regulator,
                membership_number=number,
                firm=firm,
                language=language if language in ("en", "fr") else "en",
                created_at=now,
            )
    except IntegrityError:  # two sign-ups with the same number at once
        raise Conflict(
            _("This membership number already has a representative account."),
            field="membership_number",
        ) from None


def _locked(representative_id: int) -> Representative:
    found = Representative.objects.select_for_update().filter(pk=representative_id).first()
    if found is None:
        raise NotFound(_("This representative does not exist."), field="representative")
    return found


@transaction.atomic
def representative_verify(*, representative_id: int, actor: User) -> Representative:
    """Staff checked the membership with the regulator: usable for a year from today."""
    rep = _locked(representative_id)
    now = clock.now()
    rep.state = RepresentativeState.VERIFIED
    rep.verified_at = now
    rep.verified_by = actor
    rep.recheck_due = clock.today() + dt.timedelta(days=RECHECK_DAYS)
    rep.save(update_fields=["state", "verified_at", "verified_by", "recheck_due"])
    audit_record(actor=actor, action="verify", target_type="representative", target_id=rep.pk)
    return rep


@transaction.atomic
def representative_refuse(*, representative_id: int, actor: User) -> Representative:
    """The regulator does not know this member (or no longer): no access, consents kept."""
    rep = _locked(representative_id)
    rep.state = RepresentativeState.REFUSED
    rep.save(update_fields=["state"])
    audit_record(actor=actor, action="refuse", target_type="representative", target_id=rep.pk)
    return rep


def _digits(token: str) -> str:
    return "".join(ch for ch in (token or "") if ch.isdigit())


def representative_totp_confirm(*, representative: Representative, token: str) -> TOTPDevice:
    """Turn on the required two-step verification with the first right code (the accounts
    module's authenticator: same device name, same checks). Checked outside the transaction
    so that django-otp's count of wrong codes is kept when we refuse."""
    device = totp_device_get(user=representative.user, confirmed=False)
    if device is None or not device.verify_token(_digits(token)):
        raise InvalidInput(
            _("This code is not right. Enter the 6 digits the app shows now."), field="token"
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=representative.user, confirmed=True, name=TOTP_NAME).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device


def _representative_by_number(regulator_code: str, membership_number: str) -> Representative:
    regulator = regulator_find(regulator_code)
    number = membership_number_normalise(membership_number)
    rep = (
        Representative.objects.filter(regulator=regulator, membership_number=number)
        .select_related("regulator")
        .first()
    )
    if rep is None or rep.state != RepresentativeState.VERIFIED:
        # Same answer for "no such member" and "not verified": a client cannot authorise
        # someone staff have not checked.
        raise InvalidInput(
            _(
                "No verified representative has this membership number with this regulator. "
                "Check the number with your representative."
            ),
            field="membership_number",
        )
    return rep


@transaction.atomic
def consent_grant(
    *,
    client_id: int,
    regulator_code: str,
    membership_number: str,
    case_id: int | None,
    source: str,
    actor: User,
) -> Consent:
    """Authorise a representative for one case of the client (`case_id`) or all of them
    (`case_id` None). `source` says whether the client did it online or staff recorded the
    paper form. Refused when the same consent is already in force."""
    if source not in ConsentSource.values:
        raise InvalidInput(_("Choose how the consent was given."), field="source")
    rep = _representative_by_number(regulator_code, membership_number)
    client = Client.objects.select_for_update().filter(pk=client_id).first()
    if client is None:
        raise NotFound(_("This client does not exist."), field="client")
    if case_id is not None and not Case.objects.filter(pk=case_id, client_id=client.pk).exists():
        raise NotFound(_("This application does not exist."), field="case")
    in_force = Consent.objects.filter(representative=rep, client=client, revoked_at__isnull=True)
    if in_force.filter(case__isnull=True).exists() or (
        case_id is not None and in_force.filter(case_id=case_id).exists()
    ):
        raise Conflict(
            _("This representative is already authorised for this application."),
            field="membership_number",
        )
    consent = Consent.objects.create(
        representative=rep,
        client=client,
        case_id=case_id,
        source=source,
        granted_at=clock.now(),
        granted_by=actor,
    )
    audit_record(
        actor=actor,
        action="consent",
        target_type="client",
        target_id=client.pk,
        detail=f"representative {rep.pk} authorised ({source}), consent {consent.pk}",
    )
    return consent


@transaction.atomic
def consent_revoke(*, consent_id: int, client_id: int, actor: User) -> Consent:
    """End a consent now. Only the client's own consents are found; revoking twice is
    refused (IllegalTransition) so the page says it was already done."""
    consent = Consent.objects.select_for_update().filter(pk=consent_id, client_id=client_id).first()
    if consent is None:
        raise NotFound(_("This consent does not exist."), field="consent")
    if consent.revoked_at is not None:
        raise IllegalTransition(_("This consent was already revoked."), field="consent")
    consent.revoked_at = clock.now()
    consent.revoked_by = actor
    consent.save(update_fields=["revoked_at", "revoked_by"])
    audit_record(
        actor=actor,
        action="revoke",
        target_type="client",
        target_id=client_id,
        detail=f"consent {consent.pk} revoked",
    )
    return consent


@transaction.atomic
def access_record(
    *, consent: Consent, case_id: int, client_id: int, action: str
) -> RepresentativeAccess:
    """Note one thing a representative saw or did, for the client to see."""
    return RepresentativeAccess.objects.create(
        representative_id=consent.representative_id,
        consent=consent,
        client_id=client_id,
        case_id=case_id,
        action=action,
        at=clock.now(),
    )


@transaction.atomic
def accesses_record_listed(*, rows: list[tuple[Consent, int, int]]) -> None:
    """Note the cases shown in a workspace page, in one insert: (consent, case, client)."""
    now = clock.now()
    RepresentativeAccess.objects.bulk_create(
        RepresentativeAccess(
            representative_id=consent.representative_id,
            consent=consent,
            client_id=client_id,
            case_id=case_id,
            action=AccessAction.LISTED,
            at=now,
        )
        for consent, case_id, client_id in rows
    )


def representative_document_upload(
    *, consent: Consent, case_id: int, client_id: int, request_id: int, upload: UploadedFile | None
) -> DocumentFile:
    """Send a requested document for the client, through the documents module, and note it.
    The caller found `consent` in force for `case_id` in this request."""
    file = document_upload(
        case_id=case_id, request_id=request_id, upload=upload, uploader=consent.representative.user
    )
    access_record(
        consent=consent, case_id=case_id, client_id=client_id, action=AccessAction.UPLOADED
    )
    return file


DEMO_EMAIL = "representative@example.ca"
DEMO_MEMBERSHIP = "DEMO0001"


@transaction.atomic
def representative_demo_ensure(*, password: str, case_ids: list[int]) -> Representative:
    """The demo representative (development only: the caller checks DEBUG): created or reset,
    verified, with no authenticator (set up at the first sign-in, as required), and a paper
    consent in force for every client of `case_ids`."""
    regulator = regulator_find("ls-on")
    user, _created = User.objects.get_or_create(username=username_for(DEMO_EMAIL))
    user.email = DEMO_EMAIL
    user.is_active = True
    user.set_password(password)
    user.save()
    TOTPDevice.objects.filter(user=user).delete()
    now = clock.now()
    rep, _created = Representative.objects.update_or_create(
        user=user,
        defaults={
            "email": DEMO_EMAIL,
            "family_name": "Lavoie",
            "given_names": "Camille",
            "regulator": regulator,
            "membership_number": DEMO_MEMBERSHIP,
            "language": "fr",
            "state": RepresentativeState.VERIFIED,
            "verified_at": now,
            "recheck_due": clock.today() + dt.timedelta(days=RECHECK_DAYS),
            "created_at": now,
        },
    )
    clients = set(Case.objects.filter(pk__in=case_ids).values_list("client_id", flat=True))
    for client_id in sorted(clients):
        exists = Consent.objects.filter(
            representative=rep, client_id=client_id, case__isnull=True, revoked_at__isnull=True
        ).exists()
        if not exists:
            Consent.objects.create(
                representative=rep,
                client_id=client_id,
                source=ConsentSource.PAPER,
                granted_at=now,
            )
    return rep


@transaction.atomic
def representative_contact_details_change(
    *, consent: Consent, case_id: int, client_id: int, details: ContactDetails
) -> Client:
    """The representative records the client's new correspondence details (already checked
    by `contact_details_check`): as a client's own change, in one transaction — the client
    record, a `contact` event on each open case, a confirmation to the old and the new
    contact, the audit record — and the access the client sees."""
    client, open_cases = contact_details_record(
        client_id=client_id, details=details, case_id=case_id
    )
    audit_record(
        actor=consent.representative.user,
        action="change",
        target_type="client",
        target_id=client.pk,
        detail=(
            f"contact details changed by representative {consent.representative_id} "
            f"(consent {consent.pk}); recorded on {open_cases} open case(s)"
        ),
    )
    access_record(
        consent=consent, case_id=case_id, client_id=client_id, action=AccessAction.CONTACT_CHANGED
    )
    return client
