"""The module's settings, each with its default (override in the Django settings)."""

from django.conf import settings

DEFAULTS: dict[str, object] = {
    # A client farther than this from the nearest IRCC office is offered video service.
    "APPOINTMENTS_VIDEO_DISTANCE_KM": 150,
    # Listed remote regions, as FSA prefixes: the territories, Nunavik, Labrador, the far north
    # of Ontario and Manitoba. A client there is offered video service whatever the distance.
    "APPOINTMENTS_REMOTE_FSA_PREFIXES": ("X", "Y", "J0M", "A0P", "A0R", "P0V", "P0W", "R0B"),
    # A slot a client chose is kept for them this long before they confirm it.
    "APPOINTMENTS_HOLD_MINUTES": 10,
    # Booking, rescheduling and cancelling online close this long before the appointment.
    "APPOINTMENTS_NOTICE_HOURS": 24,
    # How many times a client may move one appointment online.
    "APPOINTMENTS_MAX_RESCHEDULES": 2,
}


def setting(name: str) -> object:
    return getattr(settings, name, DEFAULTS[name])


def video_distance_km() -> float:
    return float(setting("APPOINTMENTS_VIDEO_DISTANCE_KM"))  # type: ignore[arg-type]


def remote_prefixes() -> tuple[str, ...]:
    return tuple(str(p).upper() for p in setting("APPOINTMENTS_REMOTE_FSA_PREFIXES"))  # type: ignore[attr-defined]


def hold_minutes() -> int:
    return int(setting("APPOINTMENTS_HOLD_MINUTES"))  # type: ignore[call-overload]


def notice_hours() -> int:
    return int(setting("APPOINTMENTS_NOTICE_HOURS"))  # type: ignore[call-overload]


def max_reschedules() -> int:
    return int(setting("APPOINTMENTS_MAX_RESCHEDULES"))  # type: ignore[call-overload]
