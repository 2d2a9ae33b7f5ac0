"""The staff tools, who may use each, and where each role lands after signing in.

A tool is shown in the staff menu to whoever holds its permission (the roles grant them, see
guichet/core/roles.py), so the menu lists every tool a user may open and none they may not.
After signing in, a user lands on their role's own tool, never on a page that would refuse
them (a mailroom clerk used to land on "Find a case", a 403).
"""

from dataclasses import dataclass

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser
from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from guichet.core.roles import ADMINISTRATOR, AGENT, MAILROOM, MANAGER, OFFICER
from guichet.identity_link.labels import DUPLICATES_TOOL


@dataclass(frozen=True)
class StaffTool:
    code: str
    url_name: str
    label: Promise
    permission: str  # "" with `admin=True`: the Django admin wants is_staff, not a permission
    admin: bool = False

    def allowed(self, user: AbstractBaseUser | AnonymousUser) -> bool:
        if self.admin:
            return bool(getattr(user, "is_staff", False) and user.is_active)
        return bool(user.has_perm(self.permission))  # type: ignore[union-attr]

    def url(self) -> str:
        return reverse(self.url_name)


TOOLS = (
    StaffTool("mailroom", "intake:mailroom", _("Mailroom"), "intake.register_paper_receipt"),
    StaffTool("search", "backoffice:search", _("Find a case"), "cases.view_case_file"),
    StaffTool("desktop", "contact:desktop", _("Agent desktop"), "contact.use_agent_desktop"),
    StaffTool("questions", "contact:enquiry-queue", _("Web questions"), "contact.answer_enquiry"),
    StaffTool("metrics", "contact:metrics", _("Channel metrics"), "contact.view_channel_metrics"),
    StaffTool(
        "standards",
        "standards:dashboard",
        _("Service standards"),
        "standards.view_standards_dashboard",
    ),
    StaffTool(
        "satisfaction", "feedback:dashboard", _("Client satisfaction"), "feedback.view_satisfaction"
    ),
    StaffTool(
        "council-report",
        "reports:index",
        _("Council report"),
        "reports.manage_council_report",
    ),
    StaffTool(
        "duplicates",
        "identity_link:duplicates",
        DUPLICATES_TOOL,
        "identity_link.review_duplicate",
    ),
    StaffTool("admin", "admin:index", _("Administration"), "", admin=True),
)
TOOLS_BY_CODE = {tool.code: tool for tool in TOOLS}

# Each role's own tool, most senior role first (a user holding two roles lands on the first).
LANDING = (
    (ADMINISTRATOR, "admin"),
    (MANAGER, "standards"),
    (OFFICER, "search"),
    (AGENT, "desktop"),
    (MAILROOM, "mailroom"),
)


def staff_tools(user: AbstractBaseUser | AnonymousUser) -> list[StaffTool]:
    """The tools `user` may open, in menu order."""
    if not user.is_authenticated:
        return []
    return [tool for tool in TOOLS if tool.allowed(user)]


def landing_url(user: AbstractBaseUser | AnonymousUser, roles: set[str] | None = None) -> str:
    """Where `user` goes after signing in: their role's tool, else the first tool they may
    use, else the case search (whose refusal then explains that they hold no role)."""
    if roles is None:
        groups = getattr(user, "groups", None)
        roles = set(groups.values_list("name", flat=True)) if groups is not None else set()
    for role, code in LANDING:
        tool = TOOLS_BY_CODE[code]
        if role in roles and tool.allowed(user):
            return tool.url()
    tools = staff_tools(user)
    return tools[0].url() if tools else reverse("backoffice:search")
