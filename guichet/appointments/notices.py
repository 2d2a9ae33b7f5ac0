"""Messages to the client about their appointment, through the outbox (same transaction as the
change): the confirmation with its calendar file, the cancellation, the reminders 48 hours and
2 hours before. In the language the client booked in; messages carry the appointment (type,
time, place, how to join) and a link to the account, nothing else about the person."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

from guichet.accounts.addresses import public_url
from guichet.appointments.ics import appointment_ics
from guichet.appointments.models import Appointment, AppointmentStatus, AppointmentType, Mode
from guichet.appointments.video import video_provider
from guichet.cases.models import Case
from guichet.core import clock
from guichet.notifications.providers.base import Attachment
from guichet.notifications.services import notification_queue

HOW = {
    Mode.IN_PERSON: _("In person, at %(address)s. Bring this message and your identity documents."),
    Mode.VIDEO_PARTNER: _(
        "By video, in the Service Canada Centre at %(address)s. Bring your identity documents."
    ),
    Mode.VIDEO_HOME: _(
        "By video, from home. Join here: %(url)s — on a slow connection, join by phone "
        "instead: call %(dial_in)s and enter the PIN %(pin)s."
    ),
}
REMINDERS = {"48h": dt.timedelta(hours=48), "2h": dt.timedelta(hours=2)}


def _context(appointment: Appointment, language: str) -> dict[str, str]:
    point = appointment.slot.point
    local = appointment.starts_at.astimezone(ZoneInfo(point.timezone))
    with translation.override(language):
        when = formats.date_format(local, "DATETIME_FORMAT")
        address = ", ".join(part for part in (point.street, point.city) if part)
        params = {"address": address}
        if appointment.mode == Mode.VIDEO_HOME:
            join = video_provider().join(appointment, moderator=False)
            params.update(url=join.url, dial_in=join.dial_in, pin=join.pin)
        return {
            "appointment_type": str(AppointmentType(appointment.appointment_type).label),
            "when": when,
            "place": point.name(language),
            "how": str(HOW[Mode(appointment.mode)]) % params,
            "account_url": public_url("accounts:cases", language=language),
        }


def _send(
    *, appointment: Appointment, case: Case, purpose: str, cause: str, ics_method: str = ""
) -> int:
    client = case.client
    language = appointment.language if appointment.language in ("en", "fr") else "en"
    context = _context(appointment, language)
    key = f"appointment:{appointment.uid}:{appointment.sequence}:{cause}"
    # A cancellation says nothing of how to join.
    fields = {k: v for k, v in context.items() if purpose != "appointment_cancelled" or k != "how"}
    queued = 0
    if client.email:
        attachments: tuple[Attachment, ...] = ()
        if ics_method:
            text = appointment_ics(
                appointment,
                method=ics_method,
                language=language,
                attendee=client.email,
                description=context["how"],
            )
            attachments = (
                Attachment(
                    name="appointment.ics",
                    content_type=f"text/calendar; charset=utf-8; method={ics_method}",
                    content=text,
                ),
            )
        if notification_queue(
            purpose=purpose,
            channel="email",
            recipient=client.email,
            language=language,
            context=fields,
            idempotency_key=f"{key}:email",
            case_id=case.pk,
            client_id=client.pk,
            attachments=attachments,
        ):
            queued += 1
    if client.phone and notification_queue(
        purpose=purpose,
        channel="sms",
        recipient=client.phone,
        language=language,
        context=fields,
        idempotency_key=f"{key}:sms",
        case_id=case.pk,
        client_id=client.pk,
    ):
        queued += 1
    return queued


def booked_notify(*, appointment: Appointment, case: Case) -> int:
    """Booked or moved: the details and a calendar file (METHOD:REQUEST, this SEQUENCE)."""
    return _send(
        appointment=appointment,
        case=case,
        purpose="appointment_booked",
        cause="booked",
        ics_method="REQUEST",
    )


def cancelled_notify(*, appointment: Appointment, case: Case) -> int:
    """Cancelled (by the client or the department): METHOD:CANCEL removes it from calendars."""
    return _send(
        appointment=appointment,
        case=case,
        purpose="appointment_cancelled",
        cause="cancelled",
        ics_method="CANCEL",
    )


def reminder_notify(*, appointment: Appointment, case: Case, which: str) -> int:
    return _send(
        appointment=appointment, case=case, purpose="appointment_reminder", cause=f"remind-{which}"
    )


def reminders_due(*, at: dt.datetime | None = None) -> list[tuple[Appointment, str]]:
    """Booked appointments whose 48-hour or 2-hour reminder is due and not yet queued."""
    now = at or clock.now()
    due: list[tuple[Appointment, str]] = []
    booked = Appointment.objects.filter(
        status=AppointmentStatus.BOOKED, starts_at__gt=now
    ).select_related("slot__point", "case__client")
    for appointment in booked.filter(
        reminded_48h_at__isnull=True,
        starts_at__lte=now + REMINDERS["48h"],
        starts_at__gt=now + REMINDERS["2h"],
    ):
        due.append((appointment, "48h"))
    for appointment in booked.filter(
        reminded_2h_at__isnull=True, starts_at__lte=now + REMINDERS["2h"]
    ):
        due.append((appointment, "2h"))
    return due
