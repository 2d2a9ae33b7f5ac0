"""The seed's form: jurisdiction, contact and its four numbered sections, with the prompts the
council's template gives for each (in both languages, as the template words them)."""

from dataclasses import dataclass

from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Section:
    key: str
    number: int | None  # None for the form's header fields
    heading: Promise
    prompt: Promise


JURISDICTION = Section("jurisdiction", None, _("Jurisdiction"), _("The department reporting."))
CONTACT = Section("contact", None, _("Contact"), _("Who the council may write to."))
NUMBERED = (
    Section(
        "achievements",
        1,
        _("Achievements"),
        _(
            "Briefly highlight the service delivery achievements, progress or milestones in "
            "your jurisdiction over the last six to twelve months."
        ),
    ),
    Section(
        "priorities",
        2,
        _("Priorities"),
        _(
            "Briefly describe the service delivery priorities or initiatives your organization "
            "considers most important over the next 12 to 36 months."
        ),
    ),
    Section(
        "challenges",
        3,
        _("Challenges and needs"),
        _(
            "Briefly describe the service delivery challenges you wish to share with the "
            "council and the help you would like from it."
        ),
    ),
    Section(
        "topics",
        4,
        _("Planning of council meetings"),
        _(
            "Identify topics of particular interest to your region for future council meetings, "
            "with a short description of each."
        ),
    ),
)
SECTIONS = (JURISDICTION, CONTACT, *NUMBERED)
SECTION_KEYS = tuple(section.key for section in SECTIONS)
LANGUAGES = ("en", "fr")
