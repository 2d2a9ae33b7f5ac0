"""Reading what the mailroom keys in (API, screen, CSV) into one checked, normalised form.

Every error is an InvalidInput naming the field as the API body spells it (for instance
`applicant.date_of_birth`), in English and French.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import asdict, dataclass
from typing import Any

from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guichet.cases.services import CLOCK_SKEW
from guichet.catalogue.selectors import service_get
from guichet.clients import validators as v
from guichet.core import clock
from guichet.core.errors import GuichetError, InvalidInput
from guichet.core.identifiers import uci_parse
from guichet.core.jsonbody import text_check
from guichet.core.text import name_key

BARCODE = re.compile(r"[A-Za-z0-9][A-Za-z0-9._/\-]{0,63}")
APPLICANT_FIELDS = (
    "family_name",
    "given_names",
    "date_of_birth",
    "sex",
    "preferred_language",
    "phone",
    "email",
    "uci",
)


@dataclass(frozen=True)
class ApplicantInput:
    family_name: str
    given_names: str
    date_of_birth: dt.date
    sex: str
    preferred_language: str
    phone: str = ""  # E.164 or empty
    email: str = ""
    uci: str = ""  # 10 digits or empty


@dataclass(frozen=True)
class PaperReceiptInput:
    package_barcode: str
    service_code: str
    received_at: dt.datetime | None
    applicant: ApplicantInput

    def digest(self) -> str:
        """SHA-256 of the canonical form: equal for the same package keyed in twice, even with
        names in other capitals or accents, or a phone number written differently."""
        applicant = asdict(self.applicant)
        applicant["family_name"] = name_key(self.applicant.family_name)
        applicant["given_names"] = name_key(self.applicant.given_names)
        applicant["email"] = self.applicant.email.lower()
        canonical = {
            "package_barcode": self.package_barcode,
            "service_code": self.service_code,
            "received_at": self.received_at.isoformat() if self.received_at else None,
            "applicant": applicant,
        }
        text = json.dumps(canonical, sort_keys=True, separators=(",", ":"), default=str)
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _text(data: Mapping[str, Any], key: str, field: str) -> str:
    value = data.get(key)
    if value is None:
        return ""
    if not isinstance(value, str):
        raise InvalidInput(_("This field must be text."), field=field)
    # NUL and lone surrogates crashed the PostgreSQL write; refused here, naming the field.
    return text_check(value, field=field).strip()


def _named(error: GuichetError, field: str) -> GuichetError:
    error.field = field
    return error


def barcode_check(value: str, *, field: str = "package_barcode") -> str:
    if not value:
        raise InvalidInput(_("This field is required."), field=field)
    if not BARCODE.fullmatch(value):
        raise InvalidInput(
            _(
                "A package barcode has 1 to 64 letters, digits, dots, hyphens, slashes or "
                "underscores."
            ),
            field=field,
        )
    return value


def received_at_parse(value: str, *, field: str = "received_at") -> dt.datetime | None:
    """ISO 8601 date-time or date; a date alone means the start of that day, local time."""
    if not value:
        return None
    try:
        if len(value) == 10:
            day = dt.date.fromisoformat(value)
            moment = dt.datetime.combine(day, dt.time.min)
        else:
            moment = dt.datetime.fromisoformat(value)
    except ValueError:
        raise InvalidInput(
            _("Enter the date of receipt as 2026-03-21 or 2026-03-21T09:30:00-04:00."),
            field=field,
        ) from None
    if timezone.is_naive(moment):
        moment = timezone.make_aware(moment)
    if moment > clock.now() + CLOCK_SKEW:
        raise InvalidInput(_("The date of receipt cannot be in the future."), field=field)
    return moment


def service_check(code: str, *, field: str = "service_code") -> str:
    if not code:
        raise InvalidInput(_("This field is required."), field=field)
    service = service_get(code=code, field=field)
    if not service.accepts("paper"):
        raise InvalidInput(_("This service does not accept paper applications."), field=field)
    return service.code


def applicant_check(
    data: Mapping[str, Any], *, prefix: str = "applicant."
) -> tuple[ApplicantInput | None, list[GuichetError]]:
    """Check every applicant field; return the input, or None with every error found (each
    naming `prefix` + field), so a screen can show them all at once."""
    errors: list[GuichetError] = []
    values: dict[str, Any] = {}
    checks: dict[str, Any] = {
        "family_name": lambda x: v.required_text(x, field="family_name", max_length=100),
        "given_names": lambda x: v.required_text(x, field="given_names", max_length=150),
        "date_of_birth": v.date_of_birth_check,
        "sex": lambda x: v.sex_check(x.upper()),
        "preferred_language": lambda x: v.language_check(x.lower()),
        "phone": v.phone_normalise,
        "email": v.email_check,
        "uci": lambda x: uci_parse(x) if x else "",
    }
    for key, check in checks.items():
        try:
            values[key] = check(_text(data, key, prefix + key))
        except GuichetError as error:
            errors.append(_named(error, prefix + key))
    if errors:
        return None, errors
    return ApplicantInput(**values), []


def applicant_parse(data: Mapping[str, Any], *, prefix: str = "applicant.") -> ApplicantInput:
    """The applicant's fields checked and normalised; raises the first error."""
    applicant, errors = applicant_check(data, prefix=prefix)
    if applicant is None:
        raise errors[0]
    return applicant


def receipt_fields_check(
    data: Mapping[str, Any],
) -> tuple[tuple[str, str, dt.datetime | None] | None, list[GuichetError]]:
    """The package's own fields (barcode, service, date of receipt), each checked."""
    errors: list[GuichetError] = []
    values: list[Any] = []
    for key, check in (
        ("package_barcode", barcode_check),
        ("service_code", service_check),
        ("received_at", received_at_parse),
    ):
        try:
            values.append(check(_text(data, key, key)))
        except GuichetError as error:
            errors.append(_named(error, key))
    if errors:
        return None, errors
    return (values[0], values[1], values[2]), []


def paper_receipt_parse(data: Any) -> PaperReceiptInput:
    """The body of `POST /api/v1/mailroom/receipts` (or a CSV row, or the screen's form);
    raises the first error, in the order of the fields."""
    if not isinstance(data, Mapping):
        raise InvalidInput(_("The request body must be a JSON object."), field="body")
    fields, errors = receipt_fields_check(data)
    if fields is None:
        raise errors[0]
    applicant = data.get("applicant")
    if applicant is None:
        raise InvalidInput(_("This field is required."), field="applicant")
    if not isinstance(applicant, Mapping):
        raise InvalidInput(_("The applicant must be an object of fields."), field="applicant")
    barcode, service_code, received_at = fields
    return PaperReceiptInput(
        package_barcode=barcode,
        service_code=service_code,
        received_at=received_at,
        applicant=applicant_parse(applicant),
    )
