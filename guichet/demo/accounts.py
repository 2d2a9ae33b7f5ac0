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


def demo_cases() -> list[DemoCase]:
    """Three cases for the status look-up: waiting on the client, in progress, decided."""
    waiting = CaseStep.objects.filter(
        state=StepState.ACTION_REQUIRED, case__status=CaseStatus.IN_PROGRESS
    ).values_list("case_id", flat=True)[:1]
    picks = [
        ("waiting on the client", Case.objects.filter(pk__in=list(waiting))),
        (
            "in progress",
            Case.objects.filter(status=CaseStatus.IN_PROGRESS, version__gte=6).exclude(
                pk__in=list(waiting)
            ),
        ),
        ("decided", Case.objects.filter(status=CaseStatus.DECIDED, version__gte=8)),
    ]
    found = []
    for what, queryset in picks:
        case = queryset.select_related("client").order_by("pk").first()
        if case is not None:
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
