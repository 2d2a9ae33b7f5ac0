"""`{% load web_errors %}` `{{ field|labelled_error:error }}`: one line of an error summary.

"Label: error" in English, "Libellé : erreur" in French (a non-breaking space before the
colon). A label that already ends in a question mark, a colon or an exclamation mark keeps it
and gets no second one, so "Have you ever been refused a visa?" never becomes "…visa?: …".
"""

from typing import Any

from django import template
from django.utils.translation import gettext as _

register = template.Library()

SPACES = " \u00a0\u202f"
ENDINGS = "?:!"


@register.filter
def labelled_error(field: Any, error: Any) -> str:
    label = str(getattr(field, "label", field) or "").rstrip(SPACES)
    if not label:
        return str(error)
    if label[-1] in ENDINGS:
        if label[-1] == ":":  # the summary's own colon takes its place
            label = label[:-1].rstrip(SPACES)
        else:
            # Translators: an error in the summary after a label ending with ? or ! (a question).
            return _("%(label)s %(error)s") % {"label": label, "error": error}
    # Translators: an error in the summary, after its field's label. French: "%(label)s\u00a0: …"
    return _("%(label)s: %(error)s") % {"label": label, "error": error}
