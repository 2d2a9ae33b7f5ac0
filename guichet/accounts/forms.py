"""Web forms of the client pages. They collect text; the services check it and their errors
(bilingual, naming the field) are put back on the form with `error_attach`."""

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from guichet.accounts.models import ClientAccount
from guichet.clients.models import Language
from guichet.core.errors import GuichetError


def error_attach(
    form: forms.Form, error: GuichetError, *, aliases: dict[str, str] | None = None
) -> None:
    """Show a service's error on the field it names (or on the whole form), in the page's
    language."""
    field = (aliases or {}).get(error.field or "", error.field)
    message = error.text(get_language() or "en")
    form.add_error(field if field in form.fields else None, message)


def _text(label: Any, **kwargs: Any) -> forms.CharField:
    return forms.CharField(label=label, required=False, strip=True, **kwargs)


class SignUpForm(forms.Form):
    email = _text(_("E-mail address"), max_length=150)
    password = forms.CharField(label=_("Password"), required=False, strip=False)
    password_confirm = forms.CharField(label=_("Password again"), required=False, strip=False)
    language = forms.ChoiceField(
        label=_("Language for messages from us"), choices=Language.choices, required=False
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if not data.get("password"):
            self.add_error("password", _("Choose a password."))
        elif data.get("password") != data.get("password_confirm"):
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


class LinkByNumberForm(forms.Form):
    application_number = _text(_("Application number"), max_length=20)
    family_name = _text(_("Family name"), max_length=100)
    date_of_birth = _text(_("Date of birth"), max_length=10)


class LinkByUciForm(forms.Form):
    uci = _text(_("Unique client identifier (UCI)"), max_length=20)
    family_name = _text(_("Family name"), max_length=100)
    given_names = _text(_("Given names"), max_length=150)
    date_of_birth = _text(_("Date of birth"), max_length=10)


class PreferencesForm(forms.Form):
    sms = forms.BooleanField(label=_("By text message"), required=False)
    email = forms.BooleanField(label=_("By e-mail"), required=False)


class ProfileForm(forms.Form):
    phone = _text(_("Mobile phone number"), max_length=30)
    language = forms.ChoiceField(
        label=_("Language for messages from us"), choices=Language.choices, required=False
    )
