"""Formatting standards figures in the page's language: None reads "not enough data"."""

from decimal import Decimal

from django import template
from django.utils.formats import number_format
from django.utils.translation import gettext as _

from guichet.standards.tables import Missing

register = template.Library()


@register.filter
def figure(value: object, kind: str = "int") -> str:
    """A table cell: a share as a percentage, days and counts with the locale's separators."""
    if value is None:
        return _("not enough data")
    if isinstance(value, Missing):
        return str(value.text)
    if kind == "share" and isinstance(value, int | float):
        return _("%(percent)s%%") % {"percent": number_format(value * 100, 1)}
    if isinstance(value, int | float):
        return number_format(value, 0, force_grouping=True)
    return str(value)


@register.filter
def bar_percent(value: float | int | None, maximum: float | int | None) -> str:
    """The length of a bar, as a CSS percentage of the longest (0 when either is missing)."""
    if not value or not maximum:
        return "0"
    return f"{min(100.0, 100.0 * float(value) / float(maximum)):.1f}"


@register.filter
def share_percent(value: float | Decimal | None) -> str:
    return "0" if value is None else f"{min(100.0, 100.0 * float(value)):.1f}"
