"""Reads: points of service near a postal code or in a city abroad, eligibility for video
service, a point's opening on a day, the slots a client may book, a case's appointments."""

from __future__ import annotations

import datetime as dt
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.dates import WEEKDAYS
from django.utils.translation import gettext_lazy as _

from guichet.appointments import conf
from guichet.appointments.geo import Place, distance_km, place_of
from guichet.appointments.hours import holiday_name
from guichet.appointments.models import (
    ACTIVE_STATUSES,
    Appointment,
    AppointmentType,
    Invitation,
    InvitationStatus,
    Mode,
    OpeningHours,
    PointKind,
    PointOfService,
    Slot,
)
from guichet.core import clock
from guichet.core.errors import InvalidInput, NotFound

NEAREST_LIMIT = 8


@dataclass(frozen=True)
class HoursLine:
    weekday: str
    openings: str  # "08:00–12:00, 13:00–16:00"


@dataclass(frozen=True)
class PointSummary:
    code: str
    name: str
    kind: str
    kind_label: str
    operator: str
    street: str
    city: str
    region: str
    country: str
    postal_code: str
    services: str
    languages: str
    video_kiosk: bool
    appointment_types: list[str]
    hours: list[HoursLine]
    distance_km: float | None = None


@dataclass(frozen=True)
class Eligibility:
    """What a client living at `place` is offered."""

    place: Place
    nearest_office: PointSummary
    distance_km: float
    remote_region: bool
    video_offered: bool
    points: list[PointSummary] = field(default_factory=list)

    @property
    def far(self) -> bool:
        return self.distance_km > conf.video_distance_km()


def _hours_lines(hours: Iterable[OpeningHours]) -> list[HoursLine]:
    by_day: dict[int, list[str]] = {}
    for row in hours:
        by_day.setdefault(row.weekday, []).append(f"{row.opens:%H:%M}–{row.closes:%H:%M}")
    return [HoursLine(str(WEEKDAYS[day]), ", ".join(by_day[day])) for day in sorted(by_day)]


def _summary(point: PointOfService, language: str, distance: float | None) -> PointSummary:
    return PointSummary(
        code=point.code,
        name=point.name(language),
        kind=point.kind,
        kind_label=str(PointKind(point.kind).label),
        operator=point.operator,
        street=point.street,
        city=point.city,
        region=point.region,
        country=point.country,
        postal_code=point.postal_code,
        services=point.services(language),
        languages=point.languages,
        video_kiosk=point.video_kiosk,
        appointment_types=[str(AppointmentType(code).label) for code in point.type_codes],
        hours=_hours_lines(point.hours.all()),
        distance_km=round(distance, 1) if distance is not None else None,
    )


def _points(**filters: object) -> list[PointOfService]:
    return list(
        PointOfService.objects.filter(**filters).prefetch_related(
            Prefetch("hours", queryset=OpeningHours.objects.order_by("weekday", "opens"))
        )
    )


def remote_region(fsa: str) -> bool:
    return fsa.upper().startswith(conf.remote_prefixes())


def eligibility_for_postal_code(
    *, postal_code: str, language: str, limit: int = NEAREST_LIMIT
) -> Eligibility:
    """The nearest IRCC office to a Canadian postal code, whether video service is offered
    (farther than the setting, or in a listed remote region), and the nearest points of
    service of every kind in Canada, nearest first. Two queries, whatever the data."""
    place = place_of(postal_code, field="postal_code")
    points = _points(country="CA")
    ranked = sorted(
        (
            (distance_km(place.latitude, place.longitude, p.latitude, p.longitude), p)
            for p in points
        ),
        key=lambda pair: (pair[0], pair[1].code),
    )
    offices = [(d, p) for d, p in ranked if p.kind == PointKind.IRCC_OFFICE]
    if not offices:
        raise NotFound(_("No IRCC office is listed yet. Try again later."), field="postal_code")
    office_distance, office = offices[0]
    remote = remote_region(place.fsa)
    return Eligibility(
        place=place,
        nearest_office=_summary(office, language, office_distance),
        distance_km=round(office_distance, 1),
        remote_region=remote,
        video_offered=remote or office_distance > conf.video_distance_km(),
        points=[_summary(p, language, d) for d, p in ranked[:limit]],
    )


def nearest_offices(fsas: Sequence[str]) -> list[tuple[str, float]]:
    """For many FSAs at once (the benchmark, a pilot's eligible list): the code of the nearest
    IRCC office and its distance. One query."""
    offices = list(
        PointOfService.objects.filter(kind=PointKind.IRCC_OFFICE).values_list(
            "code", "latitude", "longitude"
        )
    )
    return nearest_of(fsas, offices)


def nearest_of(
    fsas: Sequence[str], offices: Sequence[tuple[str, float, float]]
) -> list[tuple[str, float]]:
    """The nearest of `offices` (code, latitude, longitude) to each FSA's centroid, each FSA
    computed once (there are 1,645)."""
    from guichet.appointments.geo import fsa_places

    places = fsa_places()
    memo: dict[str, tuple[str, float]] = {}
    out = []
    for fsa in fsas:
        found = memo.get(fsa)
        if found is None:
            place = places[fsa]
            found = min(
                (
                    (code, distance_km(place.latitude, place.longitude, lat, lon))
                    for code, lat, lon in offices
                ),
                key=lambda pair: pair[1],
            )
            memo[fsa] = found
        out.append(found)
    return out


def _fold(text: str) -> str:
    return "".join(
        ch for ch in unicodedata.normalize("NFKD", text.strip().casefold()) if ch.isalnum()
    )


def countries_abroad() -> list[str]:
    """The countries that have a visa application centre, as ISO codes."""
    return sorted(
        set(PointOfService.objects.filter(kind=PointKind.VAC).values_list("country", flat=True))
    )


def points_abroad(*, country: str, city: str, language: str) -> list[PointSummary]:
    """The visa application centres of a country; those in `city` first, then the others
    nearest to it (when the city has a centre), else by city name."""
    code = (country or "").strip().upper()
    if len(code) != 2 or not code.isalpha():
        raise InvalidInput(_("Choose a country."), field="country")
    points = _points(kind=PointKind.VAC, country=code)
    if not points:
        raise NotFound(
            _("There is no visa application centre in this country. Choose another country."),
            field="country",
        )
    if len(city) > 100:
        raise InvalidInput(_("Enter a city name of at most 100 characters."), field="city")
    wanted = _fold(city)
    anchor = next((p for p in points if wanted and _fold(p.city) == wanted), None)
    if anchor is None:
        return [_summary(p, language, None) for p in sorted(points, key=lambda p: p.city)]
    ranked = sorted(
        points,
        key=lambda p: distance_km(anchor.latitude, anchor.longitude, p.latitude, p.longitude),
    )
    return [
        _summary(
            p, language, distance_km(anchor.latitude, anchor.longitude, p.latitude, p.longitude)
        )
        for p in ranked
    ]


def point_closed_reason(*, point: PointOfService, day: dt.date) -> str | None:
    """Why a point is closed on `day` (a public holiday, a listed closure), or None."""
    holiday = holiday_name(country=point.country, region=point.region, day=day)
    if holiday:
        return holiday
    closure = point.closures.filter(date=day).first()
    return closure.reason_en if closure else None


def invitation_open_for_case(*, case_id: int, appointment_type: str) -> Invitation | None:
    return Invitation.objects.filter(
        case_id=case_id, appointment_type=appointment_type, status=InvitationStatus.OPEN
    ).first()


def slots_bookable(*, invitation: Invitation, limit: int = 30) -> list[Slot]:
    """Free future slots of the invitation's type and modes, after the notice period.
    A held slot whose hold has expired is free again. Two queries."""
    earliest = clock.now() + dt.timedelta(hours=conf.notice_hours())
    now = clock.now()
    taken = Appointment.objects.filter(active=True).exclude(status="held", hold_expires_at__lte=now)
    return list(
        Slot.objects.filter(
            appointment_type=invitation.appointment_type,
            mode__in=invitation.mode_codes,
            starts_at__gte=earliest,
        )
        .exclude(pk__in=taken.values("slot_id"))
        .select_related("point")
        .order_by("starts_at", "id")[:limit]
    )


@dataclass(frozen=True)
class CaseAppointments:
    invitations: list[Invitation]
    appointments: list[Appointment]


def case_appointments(*, case_id: int) -> CaseAppointments:
    """The case's open invitations and its appointments, newest first. Two queries."""
    return CaseAppointments(
        invitations=list(
            Invitation.objects.filter(case_id=case_id, status=InvitationStatus.OPEN).order_by(
                "invited_at", "id"
            )
        ),
        appointments=list(
            Appointment.objects.filter(case_id=case_id)
            .select_related("slot__point")
            .order_by("-starts_at", "-id")
        ),
    )


def appointment_is_active(appointment: Appointment) -> bool:
    return appointment.status in ACTIVE_STATUSES


MODES_VIDEO = (Mode.VIDEO_HOME, Mode.VIDEO_PARTNER)
