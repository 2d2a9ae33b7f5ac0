"""The online permanent-resident card application: its steps, their fields and checks, and the
documents each applicant needs (conditions as data, see conditions.py).

Every field is checked on the server; a step's cleaned answers are kept in the session as JSON
text (dates as ISO), so the review page and the submission read the same values.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from guichet.clients import validators as v
from guichet.core import clock
from guichet.core.errors import GuichetError, InvalidInput
from guichet.core.identifiers import uci_parse
from guichet.intake.conditions import Condition, condition_holds
from guichet.intake.forms import LANGUAGE_CHOICES, SEX_CHOICES, IntakeForm

SERVICE_CODE = "pr-card"
# The residency obligation: 730 days in Canada in the last five years.
RESIDENCY_DAYS = 730
YES_NO = [("yes", _("Yes")), ("no", _("No"))]
KIND_CHOICES = [
    ("renewal", _("Renew my card: it has expired or expires within 9 months")),
    ("new", _("Get a new card for another reason")),
]
REASON_CHOICES = [
    ("lost", _("My card was lost, stolen or destroyed")),
    ("damaged", _("My card is damaged")),
    ("never_received", _("I never received my first card")),
    ("details_changed", _("My name, sex or date of birth has changed")),
]
PROVINCES = [
    ("", _("Choose a province or territory")),
    ("AB", _("Alberta")),
    ("BC", _("British Columbia")),
    ("MB", _("Manitoba")),
    ("NB", _("New Brunswick")),
    ("NL", _("Newfoundland and Labrador")),
    ("NS", _("Nova Scotia")),
    ("NT", _("Northwest Territories")),
    ("NU", _("Nunavut")),
    ("ON", _("Ontario")),
    ("PE", _("Prince Edward Island")),
    ("QC", _("Quebec")),
    ("SK", _("Saskatchewan")),
    ("YT", _("Yukon")),
]


class StepForm(IntakeForm):
    """A step: `check()` turns the raw values into JSON-ready answers or domain errors."""

    def answers(self) -> dict[str, Any] | None:
        """The step's answers, or None after attaching every error to its field."""
        values: dict[str, Any] = {}
        for name in self.fields:
            try:
                values[name] = self.check_field(name, self.data.get(name, ""))
            except GuichetError as error:
                self.add_domain_error(error)
        if not self.errors:
            try:
                self.check_together(values)
            except GuichetError as error:
                self.add_domain_error(error)
        if self.errors:
            self.describe_errors()
            return None
        return values

    def check_field(self, name: str, value: Any) -> Any:
        return str(value).strip()

    def check_together(self, values: dict[str, Any]) -> None:
        """Checks that read more than one field."""


def _choice(value: Any, choices: list[tuple[str, Any]], field: str) -> str:
    if value not in {key for key, _label in choices if key}:
        raise InvalidInput(_("Choose one of the options."), field=field)
    return str(value)


class ApplicationStep(StepForm):
    kind = forms.ChoiceField(
        label=_("What do you need?"), choices=KIND_CHOICES, widget=forms.RadioSelect, required=False
    )
    reason = forms.ChoiceField(
        label=_("If you need a new card, why?"),
        choices=REASON_CHOICES,
        widget=forms.RadioSelect,
        required=False,
        help_text=_("Answer only if you are not renewing your card."),
    )

    def check_field(self, name: str, value: Any) -> Any:
        if name == "kind":
            return _choice(value, KIND_CHOICES, name)
        return str(value).strip()

    def check_together(self, values: dict[str, Any]) -> None:
        if values["kind"] == "new":
            values["reason"] = _choice(values["reason"], REASON_CHOICES, "reason")
        else:
            values["reason"] = ""


class AboutYouStep(StepForm):
    family_name = forms.CharField(
        label=_("Family name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    given_names = forms.CharField(
        label=_("Given names"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    date_of_birth = forms.CharField(
        label=_("Date of birth"),
        required=False,
        help_text=_("Year, month and day, for example 1984-03-21."),
        widget=forms.DateInput(attrs={"type": "date", "autocomplete": "bday"}),
    )
    sex = forms.ChoiceField(
        label=_("Sex, as on your identity document"),
        choices=SEX_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    uci = forms.CharField(
        label=_("Unique client identifier (UCI)"),
        required=False,
        max_length=20,
        help_text=_("10 digits, on your permanent resident card: 00-0000-0000."),
    )
    pr_since = forms.CharField(
        label=_("Date you became a permanent resident"),
        required=False,
        help_text=_("As on your Confirmation of Permanent Residence."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    name_changed = forms.ChoiceField(
        label=_("Has your name changed since your last card was issued?"),
        choices=YES_NO,
        widget=forms.RadioSelect,
        required=False,
    )

    def check_field(self, name: str, value: Any) -> Any:
        text = str(value).strip()
        if name == "family_name":
            return v.required_text(text, field=name, max_length=100)
        if name == "given_names":
            return v.required_text(text, field=name, max_length=150)
        if name == "date_of_birth":
            return v.date_of_birth_check(text).isoformat()
        if name == "sex":
            return v.sex_check(text)
        if name == "uci":
            if not text:
                raise InvalidInput(_("This field is required."), field=name)
            return uci_parse(text)
        if name == "pr_since":
            return _past_date(text, name).isoformat()
        return _choice(text, YES_NO, name)

    def check_together(self, values: dict[str, Any]) -> None:
        if values["pr_since"] < values["date_of_birth"]:
            raise InvalidInput(
                _("You cannot have become a permanent resident before you were born."),
                field="pr_since",
            )


def _past_date(text: str, field: str) -> dt.date:
    if not text:
        raise InvalidInput(_("This field is required."), field=field)
    try:
        day = dt.date.fromisoformat(text)
    except ValueError:
        raise InvalidInput(
            _("Enter the date as year-month-day, for example 1984-03-21."), field=field
        ) from None
    if day > clock.today():
        raise InvalidInput(_("This date cannot be in the future."), field=field)
    if day.year < 1900:
        raise InvalidInput(_("Please check the year."), field=field)
    return day


class ContactStep(StepForm):
    preferred_language = forms.ChoiceField(
        label=_("Language for our messages"),
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
        required=False,
    )
    email = forms.CharField(
        label=_("E-mail address (optional)"),
        required=False,
        max_length=254,
        help_text=_("We send your application number and news of your application here."),
        widget=forms.TextInput(attrs={"type": "email", "autocomplete": "email"}),
    )
    phone = forms.CharField(
        label=_("Mobile phone number (optional)"),
        required=False,
        max_length=30,
        help_text=_("For text messages. Include the area code, e.g. 613-555-0123."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "tel"}),
    )
    address_line = forms.CharField(
        label=_("Mailing address in Canada"),
        required=False,
        max_length=200,
        help_text=_("We mail your card here. Number, street and apartment."),
        widget=forms.TextInput(attrs={"autocomplete": "address-line1"}),
    )
    city = forms.CharField(
        label=_("City or town"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "address-level2"}),
    )
    province = forms.ChoiceField(
        label=_("Province or territory"), choices=PROVINCES, required=False
    )
    postal_code = forms.CharField(
        label=_("Postal code"),
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code"}),
    )

    def check_field(self, name: str, value: Any) -> Any:
        text = str(value).strip()
        if name == "preferred_language":
            return v.language_check(text)
        if name == "email":
            return v.email_check(text)
        if name == "phone":
            return v.phone_normalise(text)
        if name == "address_line":
            return v.required_text(text, field=name, max_length=200)
        if name == "city":
            return v.required_text(text, field=name, max_length=100)
        if name == "province":
            return _choice(text, PROVINCES, name)
        if not text:
            raise InvalidInput(_("This field is required."), field=name)
        return v.postal_code_normalise(text, country="CA", field=name)


class ResidencyStep(StepForm):
    days_in_canada = forms.CharField(
        label=_("In the last 5 years, how many days were you physically in Canada?"),
        required=False,
        max_length=4,
        help_text=_("An estimate is fine: count the days, from 0 to 1826."),
        widget=forms.TextInput(attrs={"inputmode": "numeric"}),
    )

    def check_field(self, name: str, value: Any) -> Any:
        text = str(value).strip()
        if not text:
            raise InvalidInput(_("This field is required."), field=name)
        if not text.isdigit() or int(text) > 1826:
            raise InvalidInput(_("Enter a whole number of days from 0 to 1826."), field=name)
        return int(text)


class PhotoStep(IntakeForm):
    photo = forms.FileField(
        label=_("Your photo"),
        required=False,
        help_text=_(
            "A JPEG or PNG file of at most 4 MB, at least 420 × 540 pixels, taken in "
            "the last 6 months, face and shoulders on a plain light background."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/jpeg,image/png"}),
    )


class ReviewStep(StepForm):
    declaration = forms.BooleanField(
        label=_("I declare that the information I have given is true, complete and correct."),
        required=False,
    )

    def check_field(self, name: str, value: Any) -> Any:
        if value not in ("on", "true", "1", True):
            raise InvalidInput(_("You must make the declaration to submit."), field=name)
        return True


@dataclass(frozen=True)
class Step:
    number: int
    title: Promise
    form: type[IntakeForm]


STEPS = [
    Step(1, _("Your application"), ApplicationStep),
    Step(2, _("About you"), AboutYouStep),
    Step(3, _("Contact and mailing address"), ContactStep),
    Step(4, _("Time in Canada"), ResidencyStep),
    Step(5, _("Photo"), PhotoStep),
    Step(6, _("Review and submit"), ReviewStep),
]
PHOTO_STEP = 5
REVIEW_STEP = 6


@dataclass(frozen=True)
class Document:
    code: str
    text: Promise
    when: Condition


# Only what this applicant needs: each document says when it is needed.
DOCUMENTS = [
    Document("photo", _("Your photo (uploaded with this application)"), []),
    Document("identity", _("A copy of the photo page of your passport or travel document"), []),
    Document(
        "current_card",
        _("A copy of both sides of your current permanent resident card"),
        [{"kind": "renewal"}, {"reason": ["damaged", "details_changed"]}],
    ),
    Document(
        "lost_declaration",
        _("A statutory declaration of a lost, stolen or destroyed card (IMM 5451)"),
        [{"reason": "lost"}],
    ),
    Document(
        "confirmation_pr",
        _("A copy of your Confirmation of Permanent Residence (IMM 5292 or IMM 5688)"),
        [{"reason": "never_received"}],
    ),
    Document(
        "name_change",
        _("Proof of your legal change of name (marriage, divorce or change-of-name certificate)"),
        [{"name_changed": "yes"}, {"reason": "details_changed"}],
    ),
    Document(
        "residence_proof",
        _(
            "Proof of your time in Canada in the last 5 years (notices of assessment, "
            "employment or school records)"
        ),
        [{"residency_met": "no"}],
    ),
]


def flat_answers(steps: dict[str, dict[str, Any]]) -> dict[str, Any]:
    """Every step's answers in one table, with what is derived from them."""
    answers: dict[str, Any] = {}
    for number in sorted(steps, key=int):
        answers.update(steps[number])
    if "days_in_canada" in answers:
        answers["residency_met"] = "yes" if answers["days_in_canada"] >= RESIDENCY_DAYS else "no"
    return answers


def documents_needed(answers: dict[str, Any]) -> list[Document]:
    return [document for document in DOCUMENTS if condition_holds(document.when, answers)]


def choice_label(choices: list[tuple[str, Any]], value: str) -> Any:
    return dict(choices).get(value, value)
