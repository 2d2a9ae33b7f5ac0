"""Published availability (slots), invitations to book, and the appointments booked on them.

No double booking is a property of the database, not of a check before an insert:
- both databases: a partial unique index on the slot of an active appointment, and another on
  (case, appointment type), so two bookings of one slot, or two of one case, cannot both commit;
- PostgreSQL also: exclusion constraints (btree_gist, tstzrange) on the officer's and the
  room's time ranges, over active appointments and over published slots (migration 0002).
See docs/architecture/decisions/0026-appointments-no-double-booking.md.
"""

import uuid

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from guichet.appointments.models.point import AppointmentType, PointOfService, Resource
from guichet.cases.models import Case


class Mode(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    VIDEO_HOME = "video_home", _("By video, from home")
    VIDEO_PARTNER = "video_partner", _("By video, in a Service Canada Centre")


class Slot(models.Model):
    """A time an officer (and a room, if any) is free for one appointment."""

    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    point = models.ForeignKey(PointOfService, on_delete=models.PROTECT, related_name="slots")
    resource = models.ForeignKey(
        Resource, null=True, blank=True, on_delete=models.PROTECT, related_name="slots"
    )
    appointment_type = models.CharField(max_length=12, choices=AppointmentType.choices)
    mode = models.CharField(max_length=15, choices=Mode.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    published_at = models.DateTimeField()

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["appointment_type", "starts_at"], name="slot_type_start_idx"),
        ]
        verbose_name = _("slot")
        verbose_name_plural = _("slots")
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_at__lt=models.F("ends_at")), name="slot_order"
            ),
        ]

    def __str__(self) -> str:
        return f"slot {self.pk} ({self.point_id})"


class InvitationStatus(models.TextChoices):
    OPEN = "open", _("Waiting for the client to book")
    BOOKED = "booked", _("Booked")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Invitation(models.Model):
    """An officer (or the system) asks the client of a case to book an appointment of a type."""

    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    appointment_type = models.CharField(max_length=12, choices=AppointmentType.choices)
    # The modes the client may choose, comma-separated Mode values.
    modes = models.CharField(max_length=60)
    status = models.CharField(
        max_length=10, choices=InvitationStatus.choices, default=InvitationStatus.OPEN
    )
    invited_at = models.DateTimeField()
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["case", "-invited_at", "-id"]
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        constraints = [
            models.UniqueConstraint(
                fields=["case", "appointment_type"],
                condition=~Q(status="withdrawn"),
                name="invitation_case_type_once",
            ),
        ]

    def __str__(self) -> str:
        return f"invitation {self.pk} (case {self.case_id})"

    @property
    def mode_codes(self) -> list[str]:
        return [code for code in self.modes.split(",") if code]


class AppointmentStatus(models.TextChoices):
    HELD = "held", _("Held, waiting for confirmation")
    BOOKED = "booked", _("Booked")
    EXPIRED = "expired", _("Hold expired")
    CANCELLED = "cancelled", _("Cancelled by the client")
    WITHDRAWN = "withdrawn", _("Cancelled by the department")
    ATTENDED = "attended", _("Attended")
    NO_SHOW = "no_show", _("Did not attend")
    TECHNICAL = "technical", _("Technical failure")


# Statuses that keep the slot: the constraint's `active` column is true exactly for these.
ACTIVE_STATUSES = (AppointmentStatus.HELD, AppointmentStatus.BOOKED)


class Appointment(models.Model):
    """One client's appointment on one slot. A reschedule moves the same row to another slot
    (its calendar UID stays, its SEQUENCE goes up)."""

    uid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    invitation = models.ForeignKey(Invitation, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    appointment_type = models.CharField(max_length=12, choices=AppointmentType.choices)
    slot = models.ForeignKey(Slot, on_delete=models.PROTECT, related_name="+")
    # Copied from the slot, so the database can refuse overlaps on them.
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    resource = models.ForeignKey(
        Resource, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    mode = models.CharField(max_length=15, choices=Mode.choices)
    starts_at = models.DateTimeField()
    ends_at = models.DateTimeField()
    status = models.CharField(max_length=10, choices=AppointmentStatus.choices)
    active = models.BooleanField(default=True)
    hold_expires_at = models.DateTimeField(null=True, blank=True)
    reschedules = models.PositiveSmallIntegerField(default=0)
    sequence = models.PositiveIntegerField(default=0)  # iCalendar SEQUENCE
    language = models.CharField(max_length=2, default="en")
    created_at = models.DateTimeField()
    updated_at = models.DateTimeField()
    outcome = models.TextField(blank=True)
    # Video: a random room name (never derived from the case or the person) and the PIN of the
    # phone fall-back, made at booking (guichet.appointments.video).
    video_room = models.CharField(max_length=64, blank=True)
    dial_in_pin = models.CharField(max_length=12, blank=True)
    # When each reminder was queued; cleared when the appointment moves.
    reminded_48h_at = models.DateTimeField(null=True, blank=True)
    reminded_2h_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["starts_at", "id"]
        indexes = [
            models.Index(fields=["status", "hold_expires_at"], name="appointment_hold_idx"),
            models.Index(fields=["case"], name="appointment_case_idx"),
        ]
        verbose_name = _("appointment")
        verbose_name_plural = _("appointments")
        permissions = [("record_attendance", "Can record attendance at an appointment")]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"], condition=Q(active=True), name="appointment_slot_once"
            ),
            models.UniqueConstraint(
                fields=["case", "appointment_type"],
                condition=Q(active=True),
                name="appointment_case_type_once",
            ),
            models.CheckConstraint(
                condition=Q(active=True, status__in=["held", "booked"])
                | (Q(active=False) & ~Q(status__in=["held", "booked"])),
                name="appointment_active_status",
            ),
            models.CheckConstraint(
                condition=Q(starts_at__lt=models.F("ends_at")), name="appointment_order"
            ),
        ]

    def __str__(self) -> str:
        return f"appointment {self.pk} (case {self.case_id})"
