"""Reads of the agent desktop: calls handed over by the phone line, the enquiry queue, finding
a caller, and a case with the detail agents may see."""

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet

from guichet.backoffice.selectors import TimelineEntry, case_timeline_get
from guichet.cases.models import Case
from guichet.contact.models import Enquiry, EnquiryStatus, IvrSession, IvrStage
from guichet.contact.selectors.interactions import InteractionRow, interaction_log
from guichet.core import clock
from guichet.core.identifiers import application_number_parse, uci_parse
from guichet.status.selectors import case_status_get
from guichet.status.types import CaseStatusView

# A handed-over call older than this is no longer waiting (the caller has long hung up).
WAITING_HOURS = 4


def calls_waiting() -> QuerySet[IvrSession]:
    """Calls the phone line handed to agents that nobody has taken, oldest first."""
    since = clock.now() - dt.timedelta(hours=WAITING_HOURS)
    return (
        IvrSession.objects.filter(
            stage=IvrStage.TRANSFERRED,
            transferred_at__gte=since,
            taken_at__isnull=True,
            ended_at__isnull=True,
        )
        .select_related("case", "case__service")
        .order_by("transferred_at")
    )


def enquiries_open(*, limit: int = 100) -> QuerySet[Enquiry]:
    """Open web enquiries, the most urgent (earliest due) first."""
    return (
        Enquiry.objects.filter(status=EnquiryStatus.OPEN)
        .select_related("case", "case__service")
        .order_by("due_at", "id")[:limit]
    )


def caller_find(*, kind: str, identifier: str, date_of_birth: dt.date) -> list[Case]:
    """Cases whose client matches the identifier and the date of birth (staff only: no
    throttle, but every search is audited by the view). Raises InvalidInput if malformed."""
    cases = Case.objects.select_related("service", "client").order_by("-received_at")
    if kind == "uci":
        return list(
            cases.filter(
                client__uci=uci_parse(identifier, field="identifier"),
                client__date_of_birth=date_of_birth,
            )[:20]
        )
    number = application_number_parse(identifier, field="identifier")
    return list(cases.filter(serial=number.serial, client__date_of_birth=date_of_birth)[:1])


@dataclass(frozen=True)
class AgentCaseView:
    case: Case
    status: CaseStatusView
    pilot: bool  # a family-class pilot service: agents see more than the client
    show_step_dates: bool
    timeline: list[TimelineEntry]
    interactions: list[InteractionRow]


def agent_detail(service_code: str) -> tuple[str, ...]:
    return tuple(settings.CONTACT_AGENT_DETAIL.get(service_code, ()))


def agent_case_get(*, case_id: int, language: str) -> AgentCaseView | None:
    """The case as the client sees it, plus, for pilot services, the staff timeline and step
    dates (CONTACT_AGENT_DETAIL), plus the interaction log."""
    case = Case.objects.select_related("client", "service").filter(pk=case_id).first()
    if case is None:
        return None
    detail = agent_detail(case.service.code)
    return AgentCaseView(
        case=case,
        status=case_status_get(case_id=case.pk, language=language),
        pilot=bool(detail),
        show_step_dates="step_dates" in detail,
        timeline=case_timeline_get(case_id=case.pk, language=language)
        if "timeline" in detail
        else [],
        interactions=interaction_log(case_id=case.pk, language=language),
    )
