"""Writes of linking (accounts.linking proves; this keeps): creating links and telling an
earlier holder, choosing a link's channels, removing a link. One transaction each."""

from dataclasses import dataclass

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from guichet.accounts.addresses import public_url
from guichet.accounts.models import CaseLink, ClientAccount
from guichet.accounts.updates import case_update_notices_cancel
from guichet.core import clock
from guichet.core.audit import audit_record
from guichet.core.errors import InvalidInput, NotFound
from guichet.notifications.services import notification_queue

# Audit actions (core.models.AuditRecord.action holds up to 10 characters).
AUDIT_LINK = "link"
AUDIT_LINK_FAILED = "link_fail"
AUDIT_UNLINK = "unlink"


@dataclass(frozen=True)
class LinkOutcome:
    links: list[CaseLink]
    created: int  # how many were new to this account


@transaction.atomic
def case_links_create(*, account: ClientAccount, case_ids: list[int], route: str) -> LinkOutcome:
    now = clock.now()
    own = {link.case_id: link for link in account.links.filter(case_id__in=case_ids)}
    links: list[CaseLink] = []
    created = 0
    for case_id in case_ids:
        if case_id in own:
            links.append(own[case_id])
            continue
        link = CaseLink.objects.create(account=account, case_id=case_id, route=route, linked_at=now)
        links.append(link)
        created += 1
        audit_record(
            actor=account.user,
            action=AUDIT_LINK,
            target_type="case",
            target_id=case_id,
            detail=f"linked to client account {account.pk} ({route} route)",
        )
        earlier = CaseLink.objects.select_related("account").filter(case_id=case_id)
        for other in earlier.exclude(account=account):
            _tell_earlier_holder(earlier=other, new_link=link)
    return LinkOutcome(links=links, created=created)


def _tell_earlier_holder(*, earlier: CaseLink, new_link: CaseLink) -> None:
    holder = earlier.account
    notification_queue(
        purpose="case_linked_elsewhere",
        channel="email",
        recipient=holder.email,
        language=holder.language,
        context={
            "status_url": public_url("accounts:case", language=holder.language, link_id=earlier.pk)
        },
        idempotency_key=f"case-linked-elsewhere:{new_link.pk}:{earlier.pk}",
        case_id=earlier.case_id,
    )


@transaction.atomic
def case_link_preferences_update(
    *, account: ClientAccount, link_id: int, sms: bool | None, email: bool
) -> CaseLink:
    """Choose text-message and/or e-mail updates for one linked case (both off: none).

    Text messages need a mobile number in the account. `sms=None` keeps the text-message
    choice as it is (the page does not offer it while the number has replied STOP, so the
    choice comes back with START). Turning a channel off also cancels an update already
    waiting on it.
    """
    link = case_link_get_for_update(account=account, link_id=link_id)
    if sms is None:
        sms = link.notify_sms
    elif sms and not account.phone:
        raise InvalidInput(
            _("Add a mobile phone number to your account to get text messages."), field="sms"
        )
    link.notify_sms, link.notify_email = sms, email
    link.save(update_fields=["notify_sms", "notify_email"])
    case_update_notices_cancel(link=link)
    return link


def case_link_get_for_update(*, account: ClientAccount, link_id: int) -> CaseLink:
    link = CaseLink.objects.select_for_update().filter(pk=link_id, account=account).first()
    if link is None:
        raise NotFound(_("This application is not linked to your account."), field="link")
    return link


@transaction.atomic
def case_link_remove(*, account: ClientAccount, link_id: int) -> None:
    """Stop following a case from this account (the case itself is untouched)."""
    link = case_link_get_for_update(account=account, link_id=link_id)
    audit_record(
        actor=account.user,
        action=AUDIT_UNLINK,
        target_type="case",
        target_id=link.case_id,
        detail=f"unlinked from client account {account.pk}",
    )
    link.delete()
