"""Demo staff accounts (one per role) and a few cases worth looking up. Development only."""

from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.db import transaction
from django.urls import reverse
from django.utils import translation

from guichet.cases.models import Case, CaseStatus, CaseStep
from guichet.catalogue.models import StepState
from guichet.core import roles
from guichet.documents.models import DocumentRequest, RequestStatus
from guichet.documents.services import document_request_open
from guichet.letters.services import letters_backfill

DEMO_PASSWORD = "guichet-demo"  # noqa: S105 - printed on purpose; refused when DEBUG is off
# Role (Django group) -> username.
USERNAMES = {
    roles.MAILROOM: "mailroom",
    roles.OFFICER: "officer",
    roles.AGENT: "agent",
    roles.MANAGER: "manager",
    roles.ADMINISTRATOR: "admin",
}


@dataclass(frozen=True)
class DemoAccount:
    role: str
    username: str
    password: str
    sign_in_url: str
    created: bool


@dataclass(frozen=True)
class DemoCase:
    application_number: str
    family_name: str
    date_of_birth: str
    what: str


def staff_url(name: str, language: str = "en") -> str:
    with translation.override(language):
        return settings.GUICHET_PUBLIC_URL.rstrip("/") + reverse(name)


@transaction.atomic
def demo_accounts_ensure(*, password: str = DEMO_PASSWORD) -> list[DemoAccount]:
    """Create or reset one user per role; running it twice changes nothing but the password."""
    accounts = []
    for role, username in USERNAMES.items():
        try:
            group = Group.objects.get(name=role)
        except Group.DoesNotExist:
            raise RuntimeError(f"The group {role!r} is missing: run manage.py migrate.") from None
        user, created = User.objects.get_or_create(username=username)
        is_admin = role == roles.ADMINISTRATOR
        user.is_staff = is_admin
        user.is_superuser = is_admin
        user.is_active = True
        user.set_password(password)
        user.save()
        user.groups.set([group])
        url = staff_url("admin:index" if is_admin else "backoffice:login")
        accounts.append(DemoAccount(role, username, password, url, created))
    return accounts


# What the demo's officer asks for, so a new user can answer a request for documents.
DEMO_DOCUMENTS_ASKED = (
    "Please send a copy of the photo page of your passport (PDF, JPEG or PNG). "
    "Veuillez envoyer une copie de la page photo de votre passeport (PDF, JPEG ou PNG)."
)


def demo_document_request_case() -> Case | None:
    """A paper-linkable case with an open request for documents, opened once (through the
    documents service, as an officer would) at the step the case is in."""
    found = (
        DocumentRequest.objects.filter(
            status=RequestStatus.OPEN, case__status=CaseStatus.IN_PROGRESS
        )
        .select_related("case")
        .order_by("pk")
        .first()
    )
    if found is not None:
        return found.case
    step = (
        CaseStep.objects.filter(
            state=StepState.IN_PROGRESS,
            case__status=CaseStatus.IN_PROGRESS,
            case__service__paper_linkable=True,
        )
        .select_related("case", "step_type")
        .order_by("case_id")
        .first()
    )
    if step is None:
        return None
    document_request_open(
        case_id=step.case_id,
        step_code=step.step_type.code,
        description=DEMO_DOCUMENTS_ASKED,
        actor=None,
    )
    return step.case


def demo_cases() -> list[DemoCase]:
    """Cases for the status look-up: waiting on the client, asking for documents (link it to
    a new account to answer), in progress, decided."""
    asking = demo_document_request_case()
    shown = [asking.pk] if asking is not None else []
    waiting = list(
        CaseStep.objects.filter(
            state=StepState.ACTION_REQUIRED, case__status=CaseStatus.IN_PROGRESS
        )
        .exclude(case_id__in=shown)
        .values_list("case_id", flat=True)[:1]
    )
    picks = [
        ("waiting on the client", Case.objects.filter(pk__in=waiting)),
        ("asks for documents: link it to an account", Case.objects.filter(pk__in=shown)),
        (
            "in progress",
            Case.objects.filter(status=CaseStatus.IN_PROGRESS, version__gte=6).exclude(
                pk__in=[*waiting, *shown]
            ),
        ),
        (
            "decided (link it to read its letters)",
            Case.objects.filter(
                status=CaseStatus.DECIDED, version__gte=8, service__paper_linkable=True
            ),
        ),
    ]
    found = []
    for what, queryset in picks:
        case = queryset.select_related("client").order_by("pk").first()
        if case is not None:
            # Seeded in bulk, the demo's cases have no letters: issue those their history calls
            # for (acknowledgement, requests, decision), as for cases loaded from elsewhere.
            letters_backfill(case_id=case.pk)
            label = f"{what}: {case.decision}" if case.decision else what
            found.append(
                DemoCase(
                    case.application_number,
                    case.client.family_name,
                    case.client.date_of_birth.isoformat(),
                    label,
                )
            )
    return found
