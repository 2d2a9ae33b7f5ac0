from guichet.appointments.models.appointment import (
    ACTIVE_STATUSES,
    Appointment,
    AppointmentStatus,
    Invitation,
    InvitationStatus,
    Mode,
    Slot,
)
from guichet.appointments.models.point import (
    AppointmentType,
    Closure,
    OpeningHours,
    PointKind,
    PointOfService,
    Resource,
    ResourceKind,
)

__all__ = [
    "ACTIVE_STATUSES",
    "Appointment",
    "AppointmentStatus",
    "AppointmentType",
    "Closure",
    "Invitation",
    "InvitationStatus",
    "Mode",
    "OpeningHours",
    "PointKind",
    "PointOfService",
    "Resource",
    "ResourceKind",
    "Slot",
]
