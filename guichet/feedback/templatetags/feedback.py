from typing import Any

from django import template
from django.utils.formats import number_format

register = template.Library()


@register.filter
def percent(value: Any) -> str:
    """0.8123 -> '81.2' (in the page's number format); '—' for nothing."""
    if value is None:
        return "—"
    return number_format(float(value) * 100, 1)


@register.filter
def pvalue(value: Any) -> str:
    if value is None:
        return "—"
    if value < 0.001:
        return "< " + number_format(0.001, 3)
    return number_format(float(value), 3)
