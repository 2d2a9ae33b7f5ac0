"""Template helpers: a time shown in the point of service's own time zone, and the block of
appointments on a client's application page (guichet/accounts/templates/accounts/case_detail.html
includes it, so the accounts module does not import this one)."""

from __future__ import annotations

from typing import Any
from zoneinfo import ZoneInfo

from django import template
from django.utils import formats
from django.utils.translation import get_language

from guichet.appointments.models import Appointment, PointOfService, Slot
from guichet.appointments.selectors import case_appointments

register = template.Library()


@register.filter
def local_when(value: Appointment | Slot) -> str:
    """Date and time where the appointment takes place, in the page's language."""
    point = value.slot.point if isinstance(value, Appointment) else value.point
    local = value.starts_at.astimezone(ZoneInfo(point.timezone))
    return formats.date_format(local, "DATETIME_FORMAT")


@register.filter
def point_name(point: PointOfService) -> str:
    language = (get_language() or "en")[:2]
    return point.name(language)


@register.inclusion_tag("appointments/_case_appointments.html", takes_context=True)
def appointments_for_case(context: template.Context, link: Any) -> dict[str, Any]:
    found = case_appointments(case_id=link.case_id)
    return {
        "link": link,
        "invitations": found.invitations,
        "appointments": found.appointments,
        "csrf_token": context.get("csrf_token"),
    }
