"""Forms of the representative pages. They collect text; the services check it."""

from typing import Any

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import CaseStatus
from guichet.clients.models import Language
from guichet.representatives.models import Regulator


def regulator_choices() -> list[tuple[str, object]]:
    language = (get_language() or "en")[:2]
    rows = sorted(Regulator.objects.all(), key=lambda r: r.name(language))
    return [("", _("Choose…")), *((r.code, r.name(language)) for r in rows)]


def _text(label: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, strip=True)


class SignUpForm(forms.Form):
    family_name = _text(_("Family name"))
    given_names = _text(_("Given names"))
    email = _text(_("E-mail address"))
    regulator = forms.ChoiceField(label=_("Regulator"), required=False)
    membership_number = _text(_("Membership number"))
    firm_name = _text(_("Firm (optional)"))
    password = forms.CharField(label=_("Password"), required=False, strip=False)
    language = forms.ChoiceField(
        label=_("Language for messages from us"), choices=Language.choices, required=False
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["regulator"].choices = regulator_choices()  # type: ignore[attr-defined]


class SignInForm(forms.Form):
    email = _text(_("E-mail address"))
    password = forms.CharField(label=_("Password"), required=False, strip=False)


class CodeForm(forms.Form):
    token = _text(_("6-digit code"))


class ConsentForm(forms.Form):
    regulator = forms.ChoiceField(label=_("Your representative's regulator"), required=False)
    membership_number = _text(_("Your representative's membership number"))
    scope = forms.ChoiceField(
        label=_("Applications the representative may see"),
        choices=[
            ("case", _("This application only")),
            ("all", _("All my applications")),
        ],
        required=False,
    )

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["regulator"].choices = regulator_choices()  # type: ignore[attr-defined]


class WorkspaceFilterForm(forms.Form):
    service = forms.ChoiceField(label=_("Service"), required=False)
    state = forms.ChoiceField(
        label=_("State"),
        required=False,
        choices=[("", _("Any")), *CaseStatus.choices],
    )
    action_required = forms.BooleanField(label=_("Action required"), required=False)
    at_risk = forms.BooleanField(label=_("Service standard at risk"), required=False)

    def __init__(self, *args: object, services: list[tuple[str, str]], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["service"].choices = [("", _("Any")), *services]  # type: ignore[attr-defined]


class UploadForm(forms.Form):
    file = forms.FileField(label=_("File (PDF, JPEG or PNG)"), required=False)
