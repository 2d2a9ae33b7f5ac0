"""`{% load web_time %}` `<time datetime="{{ moment|html_datetime }}">`: a valid machine-readable
date and time for HTML.

Django's `date:"c"` keeps the microseconds, and HTML allows at most three digits of a second
(the Nu Html Checker rejects six): whole seconds, in the current time zone, with its offset.
"""

import datetime as dt

from django import template
from django.utils import timezone

register = template.Library()


@register.filter
def html_datetime(value: dt.datetime | dt.date | None) -> str:
    """`2026-03-01T09:30:15-05:00` for an aware datetime, `2026-03-01` for a date, "" for None."""
    if value is None:
        return ""
    if not isinstance(value, dt.datetime):
        return value.isoformat()
    if timezone.is_aware(value):
        value = timezone.localtime(value)
    return value.replace(microsecond=0).isoformat()
