"""Form plumbing shared by the intake screens, and the mailroom clerk's form.

Widgets carry the GC Design System classes of web/guichet.css; a field in error points at its
message (aria-describedby), so a screen reader reads it with the field.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from guichet.catalogue.selectors import service_list
from guichet.clients.models import Language, Sex
from guichet.core.errors import GuichetError
from guichet.core.text import name_key


class IntakeForm(forms.Form):
    """Every field optional at the form level: the domain checks give the bilingual errors."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for field in self.fields.values():
            widget = field.widget
            if isinstance(widget, forms.RadioSelect | forms.CheckboxInput):
                continue
            css = "g-select" if isinstance(widget, forms.Select) else "g-input"
            widget.attrs.setdefault("class", css)

    def add_domain_error(self, error: GuichetError, *, prefix: str = "") -> None:
        """Attach a domain error to its field (its name without `prefix`), in the page's
        language; an error about no known field goes to the top of the form. A field the form
        already refused (Django's own length check, say) keeps its one error: the same problem
        is never reported twice."""
        field = (error.field or "").removeprefix(prefix)
        if field in self.fields and field in self.errors:
            return
        self.add_error(field if field in self.fields else None, error.text(get_language() or "en"))

    def describe_errors(self) -> None:
        """Point every field in error at its message (call after validation)."""
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                hint = f"{self[name].auto_id}_helptext " if self.fields[name].help_text else ""
                widget.attrs["aria-describedby"] = f"{hint}{self[name].auto_id}_error".strip()

    def focus(self, name: str) -> None:
        self.fields[name].widget.attrs["autofocus"] = True

    def first_error_field(self) -> str | None:
        return next((name for name in self.fields if name in self.errors), None)


def paper_service_choices() -> list[tuple[str, Any]]:
    language = get_language() or "en"
    services = [s for s in service_list() if s.accepts("paper")]
    services.sort(key=lambda s: name_key(s.name(language)))
    return [("", _("Choose a service")), *((s.code, s.name(language)) for s in services)]


SEX_CHOICES = [(value, label) for value, label in Sex.choices]
LANGUAGE_CHOICES = [(value, label) for value, label in Language.choices]


class ApplicantFields(IntakeForm):
    """Who the applicant is, as on the application: the same fields on every intake form."""

    family_name = forms.CharField(
        label=_("Family name"),
        required=False,
        max_length=100,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    given_names = forms.CharField(
        label=_("Given names"),
        required=False,
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    date_of_birth = forms.CharField(
        label=_("Date of birth"),
        required=False,
        help_text=_("Year, month and day, for example 1984-03-21."),
        widget=forms.DateInput(attrs={"type": "date"}),
    )
    sex = forms.ChoiceField(
        label=_("Sex, as on the identity document"),
        required=False,
        choices=SEX_CHOICES,
        widget=forms.RadioSelect,
    )
    preferred_language = forms.ChoiceField(
        label=_("Language for our messages"),
        required=False,
        choices=LANGUAGE_CHOICES,
        widget=forms.RadioSelect,
    )
    phone = forms.CharField(
        label=_("Mobile phone number (optional)"),
        required=False,
        max_length=30,
        help_text=_("We send a text message to confirm receipt."),
        widget=forms.TextInput(attrs={"type": "tel", "autocomplete": "off"}),
    )
    email = forms.CharField(
        label=_("E-mail address (optional)"),
        required=False,
        max_length=254,
        widget=forms.TextInput(attrs={"type": "email", "autocomplete": "off"}),
    )
    uci = forms.CharField(
        label=_("UCI, if known (optional)"),
        required=False,
        max_length=20,
        help_text=_("Unique client identifier, 10 digits: 00-0000-0000."),
    )


class MailroomForm(ApplicantFields):
    """The clerk's form: the scan field first, then the package, then the applicant."""

    package_barcode = forms.CharField(
        label=_("Package barcode"),
        required=False,
        max_length=64,
        help_text=_("Scan the barcode on the envelope, or type it and press Enter."),
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    service_code = forms.ChoiceField(label=_("Service"), required=False, choices=[])
    received_at = forms.CharField(
        label=_("Date received"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
    )

    field_order = [
        "package_barcode",
        "service_code",
        "received_at",
        "family_name",
        "given_names",
        "date_of_birth",
        "sex",
        "preferred_language",
        "phone",
        "email",
        "uci",
    ]
    APPLICANT = (
        "family_name",
        "given_names",
        "date_of_birth",
        "sex",
        "preferred_language",
        "phone",
        "email",
        "uci",
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["service_code"].choices = paper_service_choices()  # type: ignore[attr-defined]

    def only_scanned(self) -> bool:
        """True when only the barcode was sent: the clerk scanned, Enter submitted."""
        return bool(self.data.get("package_barcode", "").strip()) and not any(
            str(self.data.get(name, "")).strip() for name in self.APPLICANT
        )

    def body(self) -> dict[str, Any]:
        """The form's values in the shape of the API body."""
        data = self.data
        return {
            "package_barcode": data.get("package_barcode", "").strip(),
            "service_code": data.get("service_code", ""),
            "received_at": data.get("received_at", ""),
            "applicant": {name: data.get(name, "") for name in self.APPLICANT},
        }
