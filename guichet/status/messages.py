"""Sentences for history entries that are not a step's own sentence."""

from django.utils.translation import gettext_lazy as _
from django.utils.translation import override

from guichet.cases.models import Decision, EventKind

RECEIVED = _("We received your application. We will tell you when each step moves forward.")
DECISIONS = {
    Decision.APPROVED: _(
        "A decision has been made: your application is approved. We will send you a letter "
        "that explains what happens next."
    ),
    Decision.REFUSED: _(
        "A decision has been made: your application is refused. We will send you a letter "
        "that explains the reasons and what you can do."
    ),
    Decision.WITHDRAWN: _(
        "Your application has been withdrawn. We will send you a letter confirming it."
    ),
}

# Events that move no step: documents that arrived, or that an officer did not accept.
NOTES = {
    EventKind.DOCUMENTS: _(
        "We received the documents you sent. An officer will check them before your application "
        "moves on."
    ),
    EventKind.DOCUMENTS_REFUSED: _(
        "An officer could not accept the documents you sent. The reason is below: please send "
        "them again."
    ),
    EventKind.CONTACT: _(
        "Your address or contact details were changed online. We will use the new ones from now on."
    ),
    EventKind.APPOINTMENT: _("Your appointment changed. The details are below."),
}


_texts: dict[tuple[int, str], tuple[object, str]] = {}


def text(message: object, language: str) -> str:
    """The message in `language`. Kept per process: the messages are module constants and the
    compiled catalogues do not change while it runs, and activating a language for each
    sentence was a third of the time of rendering a status."""
    key = (id(message), language)
    cached = _texts.get(key)
    if cached is not None and cached[0] is message:
        return cached[1]
    with override(language):
        value = str(message)
    _texts[key] = (message, value)
    return value
