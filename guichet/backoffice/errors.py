"""Showing a domain error to staff: in the page language, naming the field at fault."""

from django.utils.translation import gettext, override
from django.utils.translation import gettext_lazy as _

from guichet.core.errors import GuichetError

# The fields that services and selectors name in their errors, as a person reads them.
FIELD_LABELS = {
    "application_number": _("Application number"),
    "uci": _("UCI"),
    "family_name": _("Family name"),
    "date_of_birth": _("Date of birth"),
    "case": _("Case"),
    "step": _("Step"),
    "state": _("New state"),
    "client_note": _("Note to the client"),
    "outcome": _("Decision"),
    "decided_at": _("Date of the decision"),
    "request": _("Request for documents"),
    "reason": _("Reason"),
}


def field_label(field: str | None, language: str) -> str:
    label = FIELD_LABELS.get(field or "")
    if label is None:
        return ""
    with override(language):
        return str(label)


def error_text(error: GuichetError, language: str) -> str:
    """`Field: message`, in `language` (the field's name is left out when it has none)."""
    message = error.text(language)
    label = field_label(error.field, language)
    if not label:
        return message
    with override(language):
        return gettext("%(field)s: %(message)s") % {"field": label, "message": message}
