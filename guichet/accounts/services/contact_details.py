"""Writes of a change of address and contact details made from a client account.

The account holder changes the details of the applicant of a case they follow. In one
transaction: the client record, a `contact` event in the history of each of the applicant's
open cases (staff see it in the timeline, the client in the history), a confirmation to the
old and the new e-mail address and phone number through the outbox, and the audit record.
"""

import uuid

from django.db import transaction

from guichet.accounts.addresses import public_url
from guichet.accounts.models import ClientAccount
from guichet.accounts.services.linking import case_link_get_for_update
from guichet.cases.models import Case, CaseStatus, EventKind
from guichet.cases.services import case_note_record
from guichet.clients.contact_details import ContactDetails
from guichet.clients.models import Client
from guichet.clients.services import client_contact_update
from guichet.core.audit import audit_record
from guichet.notifications.services import notification_queue

PURPOSE = "contact_details_changed"


@transaction.atomic
def contact_details_change(
    *, account: ClientAccount, link_id: int, details: ContactDetails
) -> Client:
    """Record new contact details (already checked by `contact_details_check`) for the
    applicant of the linked case; NotFound when the link is not this account's."""
    link = case_link_get_for_update(account=account, link_id=link_id)
    client_id = Case.objects.values_list("client_id", flat=True).get(pk=link.case_id)
    client, open_cases = contact_details_record(
        client_id=client_id, details=details, case_id=link.case_id
    )
    audit_record(
        actor=account.user,
        action="change",
        target_type="client",
        target_id=client.pk,
        detail=(
            f"contact details changed from client account {account.pk}; "
            f"recorded on {open_cases} open case(s)"
        ),
    )
    return client


def contact_details_record(
    *, client_id: int, details: ContactDetails, case_id: int
) -> tuple[Client, int]:
    """What any change of a client's contact details does, whoever makes it (the client, their
    representative): the client record, a `contact` event on each open case, a confirmation to
    the old and the new contact (about `case_id`). Returns the client and the number of open
    cases; the caller records its own audit. Runs in the caller's transaction."""
    client, before = client_contact_update(client_id=client_id, details=details)
    open_cases = list(
        Case.objects.filter(client_id=client.pk, status=CaseStatus.IN_PROGRESS)
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    for open_case in open_cases:
        case_note_record(case_id=open_case, kind=EventKind.CONTACT, actor=None)
    _confirm(client=client, before=before, case_id=case_id)
    return client, len(open_cases)


def _confirm(*, client: Client, before: ContactDetails, case_id: int) -> None:
    """One message to each distinct old and new address and number."""
    language = client.preferred_language
    context = {"help_url": public_url("contact:help", language=language)}
    change = uuid.uuid4().hex
    for channel, recipients in (
        ("email", (before.email, client.email)),
        ("sms", (before.phone, client.phone)),
    ):
        for index, recipient in enumerate(dict.fromkeys(r for r in recipients if r)):
            notification_queue(
                purpose=PURPOSE,
                channel=channel,
                recipient=recipient,
                language=language,
                context=context,
                idempotency_key=f"{PURPOSE}:{change}:{channel}:{index}",
                case_id=case_id,
                client_id=client.pk,
            )
