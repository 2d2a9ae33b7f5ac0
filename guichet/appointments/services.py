"""Writes: load the points of service, publish availability, invite, hold, book, reschedule,
cancel, record attendance. Each is one transaction; each change to a client's appointment is
an event in the case history (guichet.cases.services.case_note_record, same transaction).

No double booking is left to the database (models/appointment.py): a hold is an INSERT that
the partial unique index on the slot (and, on PostgreSQL, the exclusion constraints on the
officer's and the room's time ranges) refuses for all but one of any number of concurrent
writers; the loser gets a Conflict naming the slot, and nothing else of its transaction stays.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path

from django.contrib.auth.models import User
from django.db import IntegrityError, transaction
from django.utils import formats, translation
from django.utils.translation import gettext_lazy as _

from guichet.appointments import conf
from guichet.appointments.hours import local_interval
from guichet.appointments.models import (
    ACTIVE_STATUSES,
    Appointment,
    AppointmentStatus,
    AppointmentType,
    Closure,
    Invitation,
    InvitationStatus,
    Mode,
    OpeningHours,
    PointKind,
    PointOfService,
    Resource,
    ResourceKind,
    Slot,
)
from guichet.appointments.notices import (
    booked_notify,
    cancelled_notify,
    reminder_notify,
    reminders_due,
)
from guichet.appointments.selectors import point_closed_reason
from guichet.appointments.video import pin_new, room_name_new
from guichet.cases.models import Case, EventKind
from guichet.cases.services import case_note_record
from guichet.core import clock
from guichet.core.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from guichet.letters.models import LetterKind
from guichet.letters.services import letter_issue

DATA_FILE = Path(__file__).resolve().parent / "data" / "points_of_service.toml"
DAYS = {"Mo": 0, "Tu": 1, "We": 2, "Th": 3, "Fr": 4, "Sa": 5, "Su": 6}
_HOURS = re.compile(r"^([A-Z][a-z](?:[-,][A-Z][a-z])*) (\d\d:\d\d)-(\d\d:\d\d)$")
SLOT_MINUTES = (15, 20, 30, 45, 60, 90, 120)


# --- Points of service ----------------------------------------------------------------------


@dataclass(frozen=True)
class LoadResult:
    points: int
    rooms: int
    removed: int


def _weekdays(spec: str) -> list[int]:
    days: list[int] = []
    for part in spec.split(","):
        if "-" in part:
            first, last = part.split("-")
            days.extend(range(DAYS[first], DAYS[last] + 1))
        else:
            days.append(DAYS[part])
    return days


def hours_parse(spec: str) -> list[tuple[int, dt.time, dt.time]]:
    """'Mo-Fr 08:00-16:00' as (weekday, opens, closes) rows; ValueError when malformed."""
    match = _HOURS.match(spec.strip())
    if match is None:
        raise ValueError(f"opening hours {spec!r}: expected 'Mo-Fr 08:00-16:00'")
    opens, closes = dt.time.fromisoformat(match.group(2)), dt.time.fromisoformat(match.group(3))
    if opens >= closes:
        raise ValueError(f"opening hours {spec!r}: closes before it opens")
    return [(day, opens, closes) for day in _weekdays(match.group(1))]


@transaction.atomic
def points_load(*, path: Path | None = None) -> LoadResult:
    """Make the points of service, their hours, rooms and closures what the data file says.
    A point or a room the file no longer lists is removed unless a slot refers to it (then it
    stays, for the history). Idempotent."""
    data = tomllib.loads((path or DATA_FILE).read_text(encoding="utf-8"))
    defaults = data.get("defaults", {})
    seen: set[str] = set()
    rooms = 0
    for entry in data["point"]:
        kind = PointKind(entry["kind"])
        merged = {**defaults.get(kind.value, {}), **entry}
        code = merged["code"]
        if code in seen:
            raise ValueError(f"point {code!r} listed twice")
        seen.add(code)
        types = [AppointmentType(t).value for t in merged.get("types", [])]
        point, _created = PointOfService.objects.update_or_create(
            code=code,
            defaults={
                "kind": kind,
                "operator": merged["operator"],
                "name_en": merged["name_en"],
                "name_fr": merged["name_fr"],
                "street": merged.get("street", ""),
                "city": merged["city"],
                "region": merged.get("region", ""),
                "country": merged["country"],
                "postal_code": merged.get("postal_code", ""),
                "latitude": float(merged["latitude"]),
                "longitude": float(merged["longitude"]),
                "timezone": merged["timezone"],
                "languages": merged.get("languages", "en,fr"),
                "appointment_types": ",".join(types),
                "services_en": merged.get("services_en", ""),
                "services_fr": merged.get("services_fr", ""),
                "video_kiosk": bool(merged.get("video_kiosk", False)),
            },
        )
        OpeningHours.objects.filter(point=point).delete()
        OpeningHours.objects.bulk_create(
            OpeningHours(point=point, weekday=day, opens=opens, closes=closes)
            for spec in merged.get("hours", [])
            for day, opens, closes in hours_parse(spec)
        )
        Closure.objects.filter(point=point).delete()
        Closure.objects.bulk_create(
            Closure(
                point=point,
                date=dt.date.fromisoformat(c["date"]),
                reason_en=c["reason_en"],
                reason_fr=c["reason_fr"],
            )
            for c in merged.get("closures", [])
        )
        room_codes = []
        for room in merged.get("rooms", []):
            room_code, room_kind = room.split(":")
            Resource.objects.update_or_create(
                point=point, code=room_code, defaults={"kind": ResourceKind(room_kind)}
            )
            room_codes.append(room_code)
        rooms += len(room_codes)
        Resource.objects.filter(point=point).exclude(code__in=room_codes).exclude(
            slots__isnull=False
        ).delete()
    stale = PointOfService.objects.exclude(code__in=seen).filter(slots__isnull=True)
    removed, _ = stale.delete()
    return LoadResult(points=len(seen), rooms=rooms, removed=removed)


# --- Availability ---------------------------------------------------------------------------


def _point(code: str) -> PointOfService:
    point = PointOfService.objects.filter(code=code).first()
    if point is None:
        raise NotFound(_("This point of service does not exist."), field="point")
    return point


def _within_hours(point: PointOfService, starts_at: dt.datetime, ends_at: dt.datetime) -> bool:
    from zoneinfo import ZoneInfo

    local_start = starts_at.astimezone(ZoneInfo(point.timezone))
    day = local_start.date()
    for row in point.hours.filter(weekday=day.weekday()):
        opens, closes = local_interval(
            timezone=point.timezone, day=day, opens=row.opens, closes=row.closes
        )
        if opens <= starts_at and ends_at <= closes:
            return True
    return False


@transaction.atomic
def slot_publish(
    *,
    officer: User,
    point_code: str,
    appointment_type: str,
    mode: str,
    starts_at: dt.datetime,
    minutes: int,
    resource_code: str = "",
) -> Slot:
    """Publish one free time of an officer (and a room or kiosk): inside the point's opening
    hours, not on a public holiday or a closure, in the future, never overlapping another slot
    of the officer or the room."""
    if appointment_type not in AppointmentType.values:
        raise InvalidInput(_("Choose a type of appointment."), field="appointment_type")
    if mode not in Mode.values:
        raise InvalidInput(_("Choose how the appointment takes place."), field="mode")
    if minutes not in SLOT_MINUTES:
        raise InvalidInput(_("Choose a length for the appointment."), field="minutes")
    if starts_at.tzinfo is None:
        raise InvalidInput(_("Enter a date and time with its time zone."), field="starts_at")
    if starts_at <= clock.now():
        raise InvalidInput(_("Choose a time in the future."), field="starts_at")
    point = _point(point_code)
    if appointment_type not in point.type_codes:
        raise InvalidInput(
            _("This point of service does not offer this type of appointment."),
            field="appointment_type",
        )
    resource = None
    if resource_code:
        resource = Resource.objects.filter(point=point, code=resource_code).first()
        if resource is None:
            raise NotFound(_("This room does not exist at this point of service."), field="room")
    if mode == Mode.VIDEO_PARTNER and (
        resource is None or resource.kind != ResourceKind.VIDEO_KIOSK
    ):
        raise InvalidInput(
            _("A video appointment in a partner centre needs one of its video kiosks."),
            field="room",
        )
    if mode == Mode.IN_PERSON and resource is None:
        raise InvalidInput(_("An appointment in person needs a room."), field="room")
    ends_at = starts_at + dt.timedelta(minutes=minutes)
    from zoneinfo import ZoneInfo

    local_day = starts_at.astimezone(ZoneInfo(point.timezone)).date()
    if point_closed_reason(point=point, day=local_day):
        raise InvalidInput(
            _("The point of service is closed on this day (a public holiday or a closure)."),
            field="starts_at",
        )
    if not _within_hours(point, starts_at, ends_at):
        raise InvalidInput(
            _("The appointment must start and end within the opening hours."), field="starts_at"
        )
    # One officer's publications queue up on their row, so the overlap check below holds
    # (PostgreSQL refuses an overlap itself, with the exclusion constraint on slots).
    User.objects.select_for_update().filter(pk=officer.pk).first()
    overlapping = Slot.objects.filter(starts_at__lt=ends_at, ends_at__gt=starts_at)
    if overlapping.filter(officer=officer).exists():
        raise Conflict(_("The officer already has a slot at this time."), field="starts_at")
    if resource is not None and overlapping.filter(resource=resource).exists():
        raise Conflict(_("The room is already taken at this time."), field="room")
    try:
        with transaction.atomic():
            return Slot.objects.create(
                officer=officer,
                point=point,
                resource=resource,
                appointment_type=appointment_type,
                mode=mode,
                starts_at=starts_at,
                ends_at=ends_at,
                published_at=clock.now(),
            )
    except IntegrityError:
        raise Conflict(
            _("The officer or the room already has a slot at this time."), field="starts_at"
        ) from None


# --- Invitations and bookings ---------------------------------------------------------------


def _when(appointment: Appointment | Slot, language: str) -> str:
    from zoneinfo import ZoneInfo

    point = appointment.slot.point if isinstance(appointment, Appointment) else appointment.point
    local = appointment.starts_at.astimezone(ZoneInfo(point.timezone))
    with translation.override(language):
        return formats.date_format(local, "DATETIME_FORMAT")


def _client_language(case: Case) -> str:
    language = getattr(case.client, "preferred_language", "") or "en"
    return language if language in ("en", "fr") else "en"


# The changes the client also gets a letter about, kept in their account (letters module); a
# hold lasts minutes, and attendance is the officer's record.
LETTER_FOR = frozenset({"invited", "booked", "rescheduled", "cancelled", "withdrawn"})

NOTES = {
    "invited": _("You are invited to book an appointment: %(type)s. Book it from your account."),
    "held": _("%(type)s: the time you chose, %(when)s, is kept for you for a few minutes."),
    "booked": _("%(type)s booked for %(when)s (%(place)s)."),
    "rescheduled": _("%(type)s moved to %(when)s (%(place)s)."),
    "cancelled": _("%(type)s on %(when)s cancelled."),
    "withdrawn": _("%(type)s on %(when)s cancelled by the department."),
    "attended": _("%(type)s on %(when)s: attended."),
    "no_show": _("%(type)s on %(when)s: you did not attend."),
    "technical": _("%(type)s on %(when)s: a technical problem stopped it. We will contact you."),
}


def _record(
    *,
    case: Case,
    what: str,
    actor: User | None,
    appointment: Appointment | None = None,
    appointment_type: str = "",
) -> None:
    """The change as an event in the case history, in the client's language."""
    language = _client_language(case)
    with translation.override(language):
        kind_code = appointment.appointment_type if appointment else appointment_type
        params = {"type": str(AppointmentType(kind_code).label)}
        if appointment is not None:
            params["when"] = _when(appointment, language)
            params["place"] = appointment.slot.point.name(language)
        note = str(NOTES[what]) % params
    event = case_note_record(
        case_id=case.pk, kind=EventKind.APPOINTMENT, actor=actor, client_note=note
    )
    if what in LETTER_FOR:
        letter_issue(case_id=case.pk, kind=LetterKind.APPOINTMENT, event_sequence=event.sequence)


def _case(case_id: int) -> Case:
    case = Case.objects.select_related("client").filter(pk=case_id).first()
    if case is None:
        raise NotFound(_("This case does not exist."), field="case")
    return case


@transaction.atomic
def invitation_open(
    *, case_id: int, appointment_type: str, modes: list[str], actor: User | None
) -> Invitation:
    """Invite the case's client to book an appointment of one type, in one of `modes`."""
    if appointment_type not in AppointmentType.values:
        raise InvalidInput(_("Choose a type of appointment."), field="appointment_type")
    if not modes or any(m not in Mode.values for m in modes):
        raise InvalidInput(_("Choose how the appointment may take place."), field="modes")
    case = _case(case_id)
    if case.status == "decided":
        raise IllegalTransition(
            _("A decision has been made on this application: no appointment can be offered."),
            field="case",
        )
    try:
        with transaction.atomic():
            invitation = Invitation.objects.create(
                case=case,
                appointment_type=appointment_type,
                modes=",".join(dict.fromkeys(modes)),
                invited_at=clock.now(),
                invited_by=actor,
            )
    except IntegrityError:
        raise Conflict(
            _("The client is already invited to this type of appointment."),
            field="appointment_type",
        ) from None
    _record(case=case, what="invited", actor=actor, appointment_type=appointment_type)
    return invitation


def holds_expire(*, at: dt.datetime | None = None) -> int:
    """Free every slot whose hold has run out. Called before each hold (so a lapsed hold never
    blocks a booking) and by the worker."""
    return Appointment.objects.filter(
        status=AppointmentStatus.HELD, hold_expires_at__lte=at or clock.now()
    ).update(status=AppointmentStatus.EXPIRED, active=False, updated_at=at or clock.now())


def _invitation(*, case_id: int, invitation_id: int) -> Invitation:
    invitation = (
        Invitation.objects.select_for_update().filter(pk=invitation_id, case_id=case_id).first()
    )
    if invitation is None or invitation.status == InvitationStatus.WITHDRAWN:
        raise NotFound(_("This invitation does not exist."), field="invitation")
    return invitation


def _bookable_slot(*, slot_id: int, invitation: Invitation, now: dt.datetime) -> Slot:
    slot = Slot.objects.select_related("point").filter(pk=slot_id).first()
    if slot is None:
        raise NotFound(_("This time is no longer offered. Choose another."), field="slot")
    if (
        slot.appointment_type != invitation.appointment_type
        or slot.mode not in invitation.mode_codes
    ):
        raise InvalidInput(
            _("This time is not for this appointment. Choose another."), field="slot"
        )
    if slot.starts_at < now + dt.timedelta(hours=conf.notice_hours()):
        raise InvalidInput(
            _("This time is too soon to book online. Choose a later one."), field="slot"
        )
    return slot


@transaction.atomic
def appointment_hold(
    *, case_id: int, invitation_id: int, slot_id: int, language: str = "en"
) -> Appointment:
    """Keep a slot for the case's client for a few minutes, until they confirm it. A case holds
    at most one slot per type (a new choice replaces the previous hold); a slot can be held
    by one case only — the database refuses the others (Conflict, field "slot")."""
    now = clock.now()
    holds_expire(at=now)
    invitation = _invitation(case_id=case_id, invitation_id=invitation_id)
    if invitation.status != InvitationStatus.OPEN:
        raise Conflict(
            _("This appointment is already booked: reschedule it instead."), field="invitation"
        )
    slot = _bookable_slot(slot_id=slot_id, invitation=invitation, now=now)
    # A new choice replaces the case's previous hold of this type.
    Appointment.objects.filter(
        case_id=case_id, appointment_type=invitation.appointment_type, status="held"
    ).update(status=AppointmentStatus.EXPIRED, active=False, updated_at=now)
    try:
        with transaction.atomic():
            return Appointment.objects.create(
                invitation=invitation,
                case_id=case_id,
                appointment_type=invitation.appointment_type,
                slot=slot,
                officer_id=slot.officer_id,
                resource_id=slot.resource_id,
                mode=slot.mode,
                starts_at=slot.starts_at,
                ends_at=slot.ends_at,
                status=AppointmentStatus.HELD,
                hold_expires_at=now + dt.timedelta(minutes=conf.hold_minutes()),
                language=language if language in ("en", "fr") else "en",
                created_at=now,
                updated_at=now,
            )
    except IntegrityError:
        raise Conflict(
            _("Someone else just chose this time. Choose another."), field="slot"
        ) from None


def _appointment(*, case_id: int, appointment_id: int) -> Appointment:
    appointment = (
        Appointment.objects.select_for_update()
        .select_related("slot__point")
        .filter(pk=appointment_id, case_id=case_id)
        .first()
    )
    if appointment is None:
        raise NotFound(_("This appointment does not exist."), field="appointment")
    return appointment


@transaction.atomic
def appointment_confirm(
    *, case_id: int, appointment_id: int, actor: User | None = None
) -> Appointment:
    """Turn the client's hold into a booking (before the hold runs out)."""
    now = clock.now()
    appointment = _appointment(case_id=case_id, appointment_id=appointment_id)
    if appointment.status != AppointmentStatus.HELD or (
        appointment.hold_expires_at is not None and appointment.hold_expires_at <= now
    ):
        raise Conflict(
            _("The time you chose was not kept: it was not confirmed in time. Choose again."),
            field="appointment",
        )
    appointment.status = AppointmentStatus.BOOKED
    appointment.hold_expires_at = None
    appointment.updated_at = now
    if appointment.mode != Mode.IN_PERSON and not appointment.video_room:
        appointment.video_room = room_name_new()
        appointment.dial_in_pin = pin_new()
    appointment.save(
        update_fields=["status", "hold_expires_at", "updated_at", "video_room", "dial_in_pin"]
    )
    Invitation.objects.filter(pk=appointment.invitation_id).update(status=InvitationStatus.BOOKED)
    case = _case(case_id)
    _record(case=case, what="booked", actor=actor, appointment=appointment)
    booked_notify(appointment=appointment, case=case)
    return appointment


def _change_allowed(appointment: Appointment, now: dt.datetime, field: str) -> None:
    if appointment.status != AppointmentStatus.BOOKED:
        raise IllegalTransition(_("This appointment can no longer be changed."), field=field)
    if appointment.starts_at < now + dt.timedelta(hours=conf.notice_hours()):
        raise IllegalTransition(
            _("It is too late to change this appointment online. Call us to change it."),
            field=field,
        )


@transaction.atomic
def appointment_reschedule(
    *, case_id: int, appointment_id: int, slot_id: int, actor: User | None = None
) -> Appointment:
    """Move a booked appointment to another free slot: same UID, next SEQUENCE. Refused after
    the notice deadline and after the maximum number of moves."""
    now = clock.now()
    holds_expire(at=now)
    appointment = _appointment(case_id=case_id, appointment_id=appointment_id)
    _change_allowed(appointment, now, "slot")
    if appointment.reschedules >= conf.max_reschedules():
        raise IllegalTransition(
            _(
                "This appointment has been moved as many times as allowed online. "
                "Call us to move it."
            ),
            field="slot",
        )
    invitation = Invitation.objects.get(pk=appointment.invitation_id)
    slot = _bookable_slot(slot_id=slot_id, invitation=invitation, now=now)
    if slot.pk == appointment.slot_id:
        raise InvalidInput(_("Choose a different time."), field="slot")
    appointment.slot = slot
    appointment.officer_id = slot.officer_id
    appointment.resource_id = slot.resource_id
    appointment.mode = slot.mode
    appointment.starts_at = slot.starts_at
    appointment.ends_at = slot.ends_at
    appointment.reschedules += 1
    appointment.sequence += 1
    appointment.updated_at = now
    appointment.reminded_48h_at = appointment.reminded_2h_at = None
    if appointment.mode != Mode.IN_PERSON and not appointment.video_room:
        appointment.video_room = room_name_new()
        appointment.dial_in_pin = pin_new()
    try:
        with transaction.atomic():
            appointment.save()
    except IntegrityError:
        raise Conflict(
            _("Someone else just chose this time. Choose another."), field="slot"
        ) from None
    case = _case(case_id)
    _record(case=case, what="rescheduled", actor=actor, appointment=appointment)
    booked_notify(appointment=appointment, case=case)
    return appointment


@transaction.atomic
def appointment_cancel(
    *, case_id: int, appointment_id: int, actor: User | None = None, by_department: bool = False
) -> Appointment:
    """Cancel a booked appointment (the client, before the notice deadline; the department,
    at any time). The slot is free again and the client may book anew on the invitation."""
    now = clock.now()
    appointment = _appointment(case_id=case_id, appointment_id=appointment_id)
    if by_department:
        if appointment.status not in ACTIVE_STATUSES:
            raise IllegalTransition(
                _("This appointment can no longer be changed."), field="appointment"
            )
    else:
        _change_allowed(appointment, now, "appointment")
    was_booked = appointment.status == AppointmentStatus.BOOKED
    appointment.status = (
        AppointmentStatus.WITHDRAWN if by_department else AppointmentStatus.CANCELLED
    )
    appointment.active = False
    appointment.sequence += 1
    appointment.updated_at = now
    appointment.save(update_fields=["status", "active", "sequence", "updated_at"])
    if not by_department:
        Invitation.objects.filter(pk=appointment.invitation_id).update(status=InvitationStatus.OPEN)
    case = _case(case_id)
    _record(
        case=case,
        what="withdrawn" if by_department else "cancelled",
        actor=actor,
        appointment=appointment,
    )
    if was_booked:
        cancelled_notify(appointment=appointment, case=case)
    return appointment


OUTCOMES = (AppointmentStatus.ATTENDED, AppointmentStatus.NO_SHOW, AppointmentStatus.TECHNICAL)
OUTCOME_MAX = 2000


@transaction.atomic
def appointment_attendance_record(
    *, appointment_id: int, status: str, outcome: str, actor: User
) -> Appointment:
    """The officer records what happened: attended, no-show or technical failure, and the
    outcome in words (for staff). Only once the appointment has started."""
    if status not in OUTCOMES:
        raise InvalidInput(_("Choose what happened at the appointment."), field="status")
    if len(outcome) > OUTCOME_MAX:
        raise InvalidInput(_("Write the outcome in at most 2,000 characters."), field="outcome")
    appointment = (
        Appointment.objects.select_for_update()
        .select_related("slot__point")
        .filter(pk=appointment_id)
        .first()
    )
    if appointment is None:
        raise NotFound(_("This appointment does not exist."), field="appointment")
    if appointment.status != AppointmentStatus.BOOKED:
        raise IllegalTransition(
            _("Attendance can be recorded only for a booked appointment."), field="status"
        )
    now = clock.now()
    if now < appointment.starts_at:
        raise IllegalTransition(
            _("Attendance can be recorded once the appointment has started."), field="status"
        )
    appointment.status = status
    appointment.active = False
    appointment.outcome = outcome.strip()
    appointment.updated_at = now
    appointment.save(update_fields=["status", "active", "outcome", "updated_at"])
    _record(case=_case(appointment.case_id), what=status, actor=actor, appointment=appointment)
    return appointment


def reminders_send(*, at: dt.datetime | None = None) -> int:
    """Queue the reminders due (48 hours and 2 hours before), each once per appointment and
    time (a moved appointment is reminded again). Returns how many messages were queued."""
    now = at or clock.now()
    queued = 0
    for appointment, which in reminders_due(at=now):
        with transaction.atomic():
            locked = (
                Appointment.objects.select_for_update()
                .select_related("slot__point", "case__client")
                .get(pk=appointment.pk)
            )
            field = "reminded_48h_at" if which == "48h" else "reminded_2h_at"
            if getattr(locked, field) is not None or locked.status != AppointmentStatus.BOOKED:
                continue
            setattr(locked, field, now)
            locked.save(update_fields=[field])
            queued += reminder_notify(appointment=locked, case=locked.case, which=which)
    return queued


@transaction.atomic
def holds_expire_all() -> int:
    """The worker's sweep of lapsed holds (each booking also frees them as it goes)."""
    return holds_expire()
