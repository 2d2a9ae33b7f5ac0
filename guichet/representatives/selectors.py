"""Reads for representatives. Every case read goes through `consent_for_case` or the
workspace query, both of which join a consent in force: an id outside them is not found."""

from dataclasses import dataclass

from django.core.paginator import Page, Paginator
from django.db.models import Exists, OuterRef, Q, QuerySet

from guichet.cases.models import Case, CaseStatus, CaseStep
from guichet.catalogue.models import StepState
from guichet.representatives.models import (
    Consent,
    Regulator,
    Representative,
    RepresentativeAccess,
    RepresentativeState,
)
from guichet.standards.models import CaseForecast
from guichet.status.selectors import case_status_get
from guichet.status.types import CaseStatusView

PAGE_SIZE = 20


def representative_get(*, user_id: int) -> Representative | None:
    return (
        Representative.objects.select_related("regulator", "firm", "user")
        .filter(user_id=user_id)
        .first()
    )


def regulators_list() -> list[Regulator]:
    return list(Regulator.objects.order_by("kind", "name_en"))


def consents_in_force(representative: Representative) -> QuerySet[Consent]:
    return Consent.objects.filter(representative=representative, revoked_at__isnull=True)


def consent_for_case(*, representative: Representative, case_id: int) -> Consent | None:
    """The consent in force that lets this representative act on this case, or None (one
    query). A consent for one case wins over one for all the client's cases."""
    client_of_case = Case.objects.filter(pk=case_id).values("client_id")[:1]
    return (
        consents_in_force(representative)
        .filter(Q(case_id=case_id) | Q(case__isnull=True, client_id=client_of_case))
        .order_by("case_id")  # NULL last on both databases for ascending order
        .first()
    )


def _visible_cases(representative: Representative) -> QuerySet[Case]:
    consents = consents_in_force(representative)
    return Case.objects.filter(
        Exists(consents.filter(case_id=OuterRef("pk")))
        | Exists(consents.filter(case__isnull=True, client_id=OuterRef("client_id")))
    )


@dataclass(frozen=True)
class WorkspaceFilters:
    service: str = ""  # a service code
    state: str = ""  # a CaseStatus value
    action_required: bool = False
    at_risk: bool = False


@dataclass(frozen=True)
class WorkspaceRow:
    case: Case
    status: CaseStatusView
    action_required: bool
    at_risk: bool


@dataclass(frozen=True)
class WorkspacePage:
    rows: list[WorkspaceRow]
    page: Page  # type: ignore[type-arg]
    consents: dict[int, Consent]  # case id -> the consent it is seen through


def workspace_cases(*, representative: Representative, filters: WorkspaceFilters) -> QuerySet[Case]:
    """The cases this representative may see, filtered, newest first, with the two flags."""
    action = CaseStep.objects.filter(case_id=OuterRef("pk"), state=StepState.ACTION_REQUIRED)
    risk = CaseForecast.objects.filter(case_id=OuterRef("pk"), at_risk=True)
    cases = (
        _visible_cases(representative)
        .select_related("client")
        .annotate(action_required=Exists(action), at_risk=Exists(risk))
        .only(
            "id", "application_number", "service_id", "status", "received_at", "client_id",
            "client__family_name", "client__given_names",
        )
    )  # fmt: skip
    if filters.service:
        cases = cases.filter(service__code=filters.service)
    if filters.state in CaseStatus.values:
        cases = cases.filter(status=filters.state)
    if filters.action_required:
        cases = cases.filter(action_required=True)
    if filters.at_risk:
        cases = cases.filter(at_risk=True)
    return cases.order_by("-received_at", "-id")


def workspace_page(
    *,
    representative: Representative,
    filters: WorkspaceFilters,
    page_number: int | str | None,
    language: str,
    page_size: int = PAGE_SIZE,
) -> WorkspacePage:
    """One page of the workspace. Queries: a count, the page, the consents for it, and the
    status selector's four per case shown; none grows with the number of cases held."""
    paginator = Paginator(
        workspace_cases(representative=representative, filters=filters), page_size
    )
    page = paginator.get_page(page_number)
    cases = list(page.object_list)
    ids = [c.pk for c in cases]
    clients = {c.client_id for c in cases}
    consents: dict[int, Consent] = {}
    for consent in (
        consents_in_force(representative)
        .filter(Q(case_id__in=ids) | Q(case__isnull=True, client_id__in=clients))
        .order_by("-case_id")
    ):
        # Per-case consents are read last and so win over a client-wide one.
        if consent.case_id is None:
            for case in cases:
                if case.client_id == consent.client_id:
                    consents[case.pk] = consent
        else:
            consents[consent.case_id] = consent
    rows = [
        WorkspaceRow(
            case=case,
            status=case_status_get(case_id=case.pk, language=language),
            action_required=bool(case.action_required),  # type: ignore[attr-defined]
            at_risk=bool(case.at_risk),  # type: ignore[attr-defined]
        )
        for case in cases
    ]
    return WorkspacePage(rows=rows, page=page, consents=consents)


def consents_for_client(*, client_id: int) -> list[Consent]:
    """Every consent the client gave, in force first, with who it names."""
    return list(
        Consent.objects.filter(client_id=client_id)
        .select_related("representative__regulator", "representative__firm")
        .order_by("revoked_at", "-granted_at", "-id")
    )


def accesses_for_client(*, client_id: int, limit: int = 100) -> list[RepresentativeAccess]:
    """What representatives saw and did on the client's cases, newest first."""
    return list(
        RepresentativeAccess.objects.filter(client_id=client_id)
        .select_related("representative", "case")
        .only(
            "at", "action", "case__application_number", "representative__family_name",
            "representative__given_names",
        )[:limit]
    )  # fmt: skip


def pending_representatives() -> list[Representative]:
    """Those waiting for staff to check their membership, oldest first."""
    return list(
        Representative.objects.filter(state=RepresentativeState.PENDING)
        .select_related("regulator", "firm")
        .order_by("created_at", "id")
    )
