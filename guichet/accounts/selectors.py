"""Reads for client pages. Every read is through the account, so an id that belongs to
someone else is simply not found (no way to read another client's case by changing a URL)."""

from dataclasses import dataclass

from guichet.accounts.models import CaseLink, ClientAccount
from guichet.cases.models import Case
from guichet.clients.contact_details import ContactDetails
from guichet.status.selectors import case_status_get
from guichet.status.types import CaseStatusView, HistoryEntry, StepStatus


@dataclass(frozen=True)
class LinkedCase:
    link: CaseLink
    status: CaseStatusView


@dataclass(frozen=True)
class ActionNeeded:
    """A step waiting on the client, with what the officer asked for (if they wrote it)."""

    step: StepStatus
    note: str


def case_link_get(*, account: ClientAccount, link_id: int) -> CaseLink | None:
    return CaseLink.objects.filter(pk=link_id, account=account).first()


def linked_cases_list(*, account: ClientAccount, language: str) -> list[LinkedCase]:
    """Every case this account follows, newest link first, each as the status selector says."""
    return [
        LinkedCase(link=link, status=case_status_get(case_id=link.case_id, language=language))
        for link in account.links.order_by("-linked_at", "-id")
    ]


def actions_needed(status: CaseStatusView) -> list[ActionNeeded]:
    """The steps asking the client to act, each with the latest note written for it."""
    notes: dict[str, str] = {}
    for entry in status.history:
        if entry.step_code and entry.state == "action_required":
            notes[entry.step_code] = entry.note
    return [ActionNeeded(step=s, note=notes.get(s.code, "")) for s in status.action_required]


def history_newest_first(status: CaseStatusView) -> list[HistoryEntry]:
    return list(reversed(status.history))


def contact_details_get(*, case_id: int) -> ContactDetails:
    """The contact details on file for the applicant of the case (one query)."""
    case = Case.objects.select_related("client").get(pk=case_id)
    return ContactDetails.of(case.client)
