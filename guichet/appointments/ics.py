"""Calendar files for an appointment (RFC 5545, with RFC 5546 methods), with `icalendar`.

One UID per appointment for its whole life; SEQUENCE goes up with each change, so a calendar
replaces the event when the appointment moves (METHOD:REQUEST again) and removes it when it is
cancelled (METHOD:CANCEL). Times are in the point of service's own time zone, with its
VTIMEZONE, so the client's calendar shows the right hour wherever they are. Nothing about the
person but the address the invitation is sent to (the ATTENDEE RFC 5546 requires).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from icalendar import Calendar, Event, vCalAddress, vText

from guichet.appointments.models import Appointment, AppointmentType
from guichet.core import clock

PRODID = "-//IRCC//Guichet appointments//EN"
SUMMARY = _("IRCC appointment: %(type)s")


def _organizer() -> str:
    address = str(getattr(settings, "DEFAULT_FROM_EMAIL", "") or "no-reply@guichet.example")
    return address.split("<")[-1].strip(">").strip()


def appointment_ics(
    appointment: Appointment,
    *,
    method: str,
    language: str,
    attendee: str,
    description: str,
) -> str:
    """The calendar file as text (CRLF line ends). `method` is REQUEST or CANCEL."""
    if method not in ("REQUEST", "CANCEL"):
        raise ValueError(f"method {method!r}")
    point = appointment.slot.point
    zone = ZoneInfo(point.timezone)
    with translation.override(language):
        summary = str(SUMMARY) % {"type": str(AppointmentType(appointment.appointment_type).label)}
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    event = Event()
    event.add("uid", f"{appointment.uid}@guichet")
    event.add("sequence", appointment.sequence)
    event.add("dtstamp", clock.now().astimezone(dt.UTC))
    event.add("dtstart", appointment.starts_at.astimezone(zone))
    event.add("dtend", appointment.ends_at.astimezone(zone))
    event.add("summary", summary)
    location = ", ".join(part for part in (point.name(language), point.street, point.city) if part)
    event.add("location", location)
    event.add("description", description)
    event.add("status", "CANCELLED" if method == "CANCEL" else "CONFIRMED")
    organizer = vCalAddress(f"mailto:{_organizer()}")
    organizer.params["cn"] = vText("IRCC")
    event["organizer"] = organizer
    guest = vCalAddress(f"mailto:{attendee}")
    guest.params["role"] = vText("REQ-PARTICIPANT")
    guest.params["partstat"] = vText("ACCEPTED")
    event.add("attendee", guest)
    event.add("transp", "OPAQUE")
    calendar.add_component(event)
    start = appointment.starts_at.date()
    calendar.add_missing_timezones(
        first_date=start - dt.timedelta(days=366), last_date=start + dt.timedelta(days=366)
    )
    return calendar.to_ical().decode("utf-8")
