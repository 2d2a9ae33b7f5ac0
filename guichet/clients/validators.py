"""Checks on what people type about a client; each error names its field, in both languages."""

import datetime as dt
import re

import phonenumbers
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext_lazy as _

from guichet.clients.models import Language, Sex
from guichet.clients.provinces import POSTAL_LETTERS, PROVINCES
from guichet.core import clock
from guichet.core.errors import InvalidInput

_POSTAL_CODE = re.compile(r"^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d$")


def required_text(value: str | None, *, field: str, max_length: int) -> str:
    text = " ".join((value or "").split())
    if not text:
        raise InvalidInput(_("This field is required."), field=field)
    if len(text) > max_length:
        raise InvalidInput(
            _("This field is too long (at most %(limit)s characters)."),
            field=field,
            limit=max_length,
        )
    return text


def date_of_birth_check(value: dt.date | str | None, *, field: str = "date_of_birth") -> dt.date:
    if value is None or value == "":
        raise InvalidInput(_("This field is required."), field=field)
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            raise InvalidInput(
                _("Enter the date as year-month-day, for example 1984-03-21."), field=field
            ) from None
    if value > clock.today():
        raise InvalidInput(_("A date of birth cannot be in the future."), field=field)
    if value.year < 1900:
        raise InvalidInput(_("Please check the year of birth."), field=field)
    return value


def sex_check(value: str | None, *, field: str = "sex") -> str:
    if value not in Sex.values:
        raise InvalidInput(_("Sex must be F, M or X, as on the identity document."), field=field)
    return value


def language_check(value: str | None, *, field: str = "preferred_language") -> str:
    if value not in Language.values:
        raise InvalidInput(_("The language must be en (English) or fr (French)."), field=field)
    return value


def phone_normalise(value: str | None, *, field: str = "phone", region: str = "CA") -> str:
    """Return the number in E.164 form, or '' when none was given."""
    if not value or not value.strip():
        return ""
    try:
        number = phonenumbers.parse(value, region)
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise InvalidInput(
            _("This phone number is not valid. Include the area code, e.g. 613-555-0123."),
            field=field,
        )
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)


def email_check(value: str | None, *, field: str = "email") -> str:
    if not value or not value.strip():
        return ""
    try:
        validate_email(value.strip())
    except ValidationError:
        raise InvalidInput(_("This e-mail address is not valid."), field=field) from None
    return value.strip()


def postal_code_normalise(value: str | None, *, country: str, field: str = "postal_code") -> str:
    if not value or not value.strip():
        return ""
    text = value.strip().upper()
    if country == "CA":
        if not _POSTAL_CODE.match(text):
            raise InvalidInput(
                _("This postal code is not valid. A Canadian postal code looks like K1A 0B1."),
                field=field,
            )
        text = text.replace(" ", "")
        return f"{text[:3]} {text[3:]}"
    return text[:10]


def province_check(value: str | None, *, field: str = "province") -> str:
    """A Canadian province or territory, as its two-letter code."""
    code = (value or "").strip().upper()
    if not code:
        raise InvalidInput(_("Choose a province or territory."), field=field)
    if code not in PROVINCES:
        raise InvalidInput(_("Choose a province or territory from the list."), field=field)
    return code


def postal_code_in_province(postal_code: str, province: str, *, field: str = "postal_code") -> None:
    """Refuse a (well-formed) postal code whose first letter is not the province's."""
    letters = POSTAL_LETTERS.get(province, "")
    if postal_code and letters and postal_code[0] not in letters:
        raise InvalidInput(
            _(
                "This postal code is not in the province or territory you chose: check both. "
                "For example, postal codes in Ontario start with K, L, M, N or P."
            ),
            field=field,
        )
