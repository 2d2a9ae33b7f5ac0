"""Web forms of the client pages. They collect text; the services check it and their errors
(bilingual, naming the field) are put back on the form with `error_attach`."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from guichet.accounts.linking import family_name_check
from guichet.accounts.models import ClientAccount
from guichet.accounts.services import email_normalise, password_check
from guichet.clients import validators as v
from guichet.clients.models import Language
from guichet.clients.provinces import PROVINCES
from guichet.core.errors import GuichetError, InvalidInput
from guichet.core.identifiers import application_number_parse, uci_parse


def error_attach(
    form: forms.Form, error: GuichetError, *, aliases: dict[str, str] | None = None
) -> None:
    """Show a service's error on the field it names (or on the whole form), in the page's
    language."""
    field = (aliases or {}).get(error.field or "", error.field)
    message = error.text(get_language() or "en")
    form.add_error(field if field in form.fields else None, message)


def _text(label: Any, **kwargs: Any) -> forms.CharField:
    """A text field that checks nothing itself: no `required`, no `max_length`. The services'
    own checks (run for every field at once by `ServiceChecked`) give the one error, so a
    too-long value is not reported twice, once by Django and once by us."""
    return forms.CharField(label=label, required=False, strip=True, **kwargs)


class ServiceChecked(forms.Form):
    """A form whose fields are checked by the same functions the service calls, all of them on
    every submission, so the page lists every field's error at once instead of the first one
    the service stops at. The service checks again (it is the authority); these checks only
    read, they prove nothing and count nothing, so they cannot be used to guess.

    `checks` maps a field to a function of its value raising GuichetError naming the field.
    """

    checks: dict[str, Callable[[Any], object]] = {}

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        for name, check in self.checks.items():
            if name in self.errors:
                continue
            try:
                check(data.get(name))
            except GuichetError as error:
                self.add_error(name, error.text(get_language() or "en"))
        return data


class SignUpForm(ServiceChecked):
    email = _text(_("E-mail address"))
    password = forms.CharField(label=_("Password"), required=False, strip=False)
    password_confirm = forms.CharField(label=_("Password again"), required=False, strip=False)
    language = forms.ChoiceField(
        label=_("Language for messages from us"), choices=Language.choices, required=False
    )
    checks = {"email": email_normalise}

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        password = data.get("password")
        if not password:
            self.add_error("password", _("Choose a password."))
        else:
            # Django's password validators, as the service runs them, with the address given
            # (a password too like it is refused) even when the address itself is wrong.
            email = (data.get("email") or "").strip().lower()
            try:
                password_check(password, user=User(username=email, email=email))
            except GuichetError as error:
                self.add_error("password", error.text(get_language() or "en"))
            if password != data.get("password_confirm"):
                self.add_error("password_confirm", _("The two passwords are not the same."))
        return data


class SignInForm(AuthenticationForm):
    """E-mail and password; only client accounts, only once the address is confirmed."""

    error_messages = {
        "invalid_login": _(
            "The e-mail address or the password is not right. Check both and try again."
        ),
        "inactive": _("This account is closed."),
        "unverified": _(
            "Confirm your e-mail address first: open the link we sent you. We have just sent a "
            "new one."
        ),
    }

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["username"].label = _("E-mail address")
        self.fields["password"].label = _("Password")
        self.unverified_account: ClientAccount | None = None

    def clean_username(self) -> str:
        return (self.cleaned_data.get("username") or "").strip().lower()

    def confirm_login_allowed(self, user: Any) -> None:
        super().confirm_login_allowed(user)
        account = ClientAccount.objects.filter(user=user).first()
        if account is None:
            # A staff account: the same answer as a wrong password, saying nothing about it.
            raise ValidationError(self.error_messages["invalid_login"], code="invalid_login")
        if not account.email_verified:
            self.unverified_account = account
            raise ValidationError(self.error_messages["unverified"], code="unverified")


class CodeForm(forms.Form):
    token = _text(_("6-digit code"), max_length=10)


class EmailForm(forms.Form):
    email = _text(_("E-mail address"), max_length=150)


class NewPasswordForm(forms.Form):
    new_password = forms.CharField(label=_("New password"), required=False, strip=False)
    new_password_confirm = forms.CharField(
        label=_("New password again"), required=False, strip=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("new_password"):
            self.add_error("new_password", _("Choose a password."))
        elif data.get("new_password") != data.get("new_password_confirm"):
            self.add_error("new_password_confirm", _("The two passwords are not the same."))
        return data


def _given_names_check(value: str | None) -> str:
    return v.required_text(value, field="given_names", max_length=150)


class LinkByNumberForm(ServiceChecked):
    """The application number, family name and date of birth: linking an application to an
    account, and the public status check (StatusCheckForm), checked as accounts.lookup does."""

    application_number = _text(_("Application number"))
    family_name = _text(_("Family name"))
    date_of_birth = _text(_("Date of birth"))
    checks = {
        "application_number": application_number_parse,
        "family_name": family_name_check,
        "date_of_birth": v.date_of_birth_check,
    }


class StatusCheckForm(LinkByNumberForm):
    """The public status check: the same three details as linking by number."""


class LinkByUciForm(ServiceChecked):
    uci = _text(_("Unique client identifier (UCI)"))
    family_name = _text(_("Family name"))
    given_names = _text(_("Given names"))
    date_of_birth = _text(_("Date of birth"))
    checks = {
        "uci": uci_parse,
        "family_name": family_name_check,
        "given_names": _given_names_check,
        "date_of_birth": v.date_of_birth_check,
    }


class PreferencesForm(forms.Form):
    sms = forms.BooleanField(label=_("By text message"), required=False)
    email = forms.BooleanField(label=_("By e-mail"), required=False)


class ProfileForm(forms.Form):
    phone = _text(_("Mobile phone number"), max_length=30)
    language = forms.ChoiceField(
        label=_("Language for messages from us"), choices=Language.choices, required=False
    )


class DocumentUploadForm(forms.Form):
    """One file in answer to a request for documents; the documents service checks it."""

    file = forms.FileField(
        label=_("File (PDF, JPEG or PNG)"), required=False, allow_empty_file=True
    )


def _province_choices() -> list[tuple[str, Any]]:
    return [("", _("Choose a province or territory")), *PROVINCES.items()]


class ContactDetailsForm(ServiceChecked):
    """A Canadian mailing address, a phone number and an e-mail address for the applicant.
    Every field is checked at once by the functions the service calls."""

    address_line = _text(_("Street address"))
    city = _text(_("City or town"))
    province = forms.ChoiceField(
        label=_("Province or territory"),
        choices=_province_choices,
        required=False,
        # Django's own message repeats the value sent; ours names the list.
        error_messages={"invalid_choice": _("Choose a province or territory from the list.")},
    )
    postal_code = _text(_("Postal code"))
    phone = _text(_("Phone number (optional)"))
    email = _text(_("E-mail address (optional)"))
    checks = {
        "address_line": lambda value: v.required_text(value, field="address_line", max_length=200),
        "city": lambda value: v.required_text(value, field="city", max_length=100),
        "province": v.province_check,
        "postal_code": lambda value: _postal_code_required(value),
        "phone": v.phone_normalise,
        "email": v.email_check,
    }

    def clean(self) -> dict[str, Any]:
        data = super().clean()
        if "postal_code" not in self.errors and "province" not in self.errors:
            try:
                postal = v.postal_code_normalise(data.get("postal_code"), country="CA")
                v.postal_code_in_province(postal, (data.get("province") or "").upper())
            except GuichetError as error:
                self.add_error("postal_code", error.text(get_language() or "en"))
        return data


def _postal_code_required(value: str | None) -> str:
    if not (value or "").strip():
        raise InvalidInput(_("Enter the postal code."), field="postal_code")
    return v.postal_code_normalise(value, country="CA")
