"""Publishing availability, inviting, holding, booking, moving and cancelling appointments."""

import datetime as dt

import pytest
from django.core.files.storage import default_storage
from django.db import IntegrityError, transaction
from django.test import override_settings
from pypdf import PdfReader

from guichet.appointments.models import Appointment, Invitation, Slot
from guichet.appointments.selectors import case_appointments, slots_bookable
from guichet.appointments.services import (
    appointment_attendance_record,
    appointment_cancel,
    appointment_confirm,
    appointment_hold,
    appointment_reschedule,
    holds_expire,
    invitation_open,
)
from guichet.appointments.tests.conftest import at
from guichet.cases.models import CaseEvent
from guichet.core.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from guichet.letters.models import Letter, LetterKind
from guichet.letters.services import letter_render
from guichet.testing.factories import case_make, staff_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def invited(officer, now):
    case = case_make()
    invitation = invitation_open(
        case_id=case.pk, appointment_type="interview", modes=["in_person"], actor=officer
    )
    return case, invitation


def _book(case, invitation, slot):
    held = appointment_hold(case_id=case.pk, invitation_id=invitation.pk, slot_id=slot.pk)
    return appointment_confirm(case_id=case.pk, appointment_id=held.pk)


# --- Publishing ---------------------------------------------------------------------------


def test_a_slot_is_published_within_the_opening_hours(slot_make):
    slot = slot_make()
    assert slot.ends_at - slot.starts_at == dt.timedelta(minutes=30)
    assert slot.resource.code == "interview-1"


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"starts_at": at(9, 7, 30)}, "starts_at"),  # before opening
        ({"starts_at": at(9, 11, 45)}, "starts_at"),  # runs into the lunch break
        ({"starts_at": at(13, 10)}, "starts_at"),  # a Saturday
        ({"starts_at": at(1, 9)}, "starts_at"),  # in the past
        ({"starts_at": dt.datetime(2027, 3, 9, 10)}, "starts_at"),  # no time zone
        ({"minutes": 7}, "minutes"),
        ({"appointment_type": "party"}, "appointment_type"),
        ({"mode": "teleport"}, "mode"),
        ({"point_code": "nowhere"}, "point"),
        ({"resource_code": "broom-cupboard"}, "room"),
        ({"resource_code": ""}, "room"),  # in person needs a room
        ({"mode": "video_partner"}, "room"),  # needs a kiosk
        ({"point_code": "vac-in-new-delhi", "resource_code": "counter-1"}, "appointment_type"),
    ],
)
def test_a_slot_outside_the_rules_is_refused_naming_the_field(slot_make, overrides, field):
    with pytest.raises((InvalidInput, NotFound)) as caught:
        slot_make(**overrides)
    assert caught.value.field == field
    assert not Slot.objects.exists()


def test_no_slot_on_a_public_holiday_of_the_province(slot_make, now):
    # Good Friday 2027 is 26 March.
    with pytest.raises(InvalidInput) as caught:
        slot_make(starts_at=dt.datetime(2027, 3, 26, 10, tzinfo=at(9, 10).tzinfo))
    assert "closed" in caught.value.text("en")


def test_hours_are_read_in_the_point_s_own_time_zone(slot_make, officer):
    from zoneinfo import ZoneInfo

    # 10:00 in Vancouver is 13:00 in Montréal: inside Vancouver's hours.
    slot = slot_make(
        point_code="ircc-vancouver",
        starts_at=at(9, 10, zone=ZoneInfo("America/Vancouver")),
    )
    assert slot.starts_at.astimezone(dt.UTC).hour == 18
    # 16:00 in Vancouver: closed there (though open hours elsewhere).
    with pytest.raises(InvalidInput):
        slot_make(
            point_code="ircc-vancouver",
            resource_code="interview-2",
            starts_at=at(9, 15, 45, zone=ZoneInfo("America/Vancouver")),
        )


def test_an_officer_or_a_room_cannot_have_two_overlapping_slots(slot_make):
    slot_make()
    with pytest.raises(Conflict) as caught:
        slot_make(starts_at=at(9, 10, 15), resource_code="interview-2")
    assert caught.value.field == "starts_at"
    other = staff_make("officer")
    with pytest.raises(Conflict) as caught:
        slot_make(officer=other, starts_at=at(9, 10, 15))
    assert caught.value.field == "room"
    # Back to back is fine.
    slot_make(starts_at=at(9, 10, 30))


# --- Invitations ----------------------------------------------------------------------------


def test_an_invitation_is_an_event_in_the_case_history(invited):
    case, _invitation = invited
    event = CaseEvent.objects.filter(case=case).order_by("-sequence").first()
    assert event.kind == "appt"
    # The client reads French (the factory's client prefers it).
    assert "rendez-vous" in event.client_note.lower()


def test_one_open_invitation_per_case_and_type(invited, officer):
    case, _ = invited
    with pytest.raises(Conflict):
        invitation_open(
            case_id=case.pk, appointment_type="interview", modes=["video_home"], actor=officer
        )
    invitation_open(case_id=case.pk, appointment_type="biometrics", modes=["in_person"], actor=None)


@pytest.mark.parametrize(
    ("kwargs", "field"),
    [
        ({"appointment_type": "x"}, "appointment_type"),
        ({"modes": []}, "modes"),
        ({"modes": ["x"]}, "modes"),
    ],
)
def test_invitation_bad_input(officer, now, kwargs, field):
    case = case_make()
    fields = {
        "case_id": case.pk,
        "appointment_type": "interview",
        "modes": ["in_person"],
        "actor": officer,
    }
    fields.update(kwargs)
    with pytest.raises(InvalidInput) as caught:
        invitation_open(**fields)
    assert caught.value.field == field


# --- Booking --------------------------------------------------------------------------------


def test_hold_then_confirm_books_the_slot_and_records_it(invited, slot_make):
    case, invitation = invited
    slot = slot_make()
    assert slots_bookable(invitation=invitation) == [slot]
    appointment = _book(case, invitation, slot)
    assert appointment.status == "booked" and appointment.active
    assert Invitation.objects.get(pk=invitation.pk).status == "booked"
    assert slots_bookable(invitation=invitation) == []
    notes = list(
        CaseEvent.objects.filter(case=case, kind="appt").values_list("client_note", flat=True)
    )
    assert any("Montréal" in note for note in notes)
    seen = case_appointments(case_id=case.pk)
    assert seen.appointments == [appointment]
    assert seen.invitations == []


def test_a_slot_cannot_be_held_by_two_cases(invited, slot_make, officer):
    case, invitation = invited
    slot = slot_make()
    appointment_hold(case_id=case.pk, invitation_id=invitation.pk, slot_id=slot.pk)
    other = case_make()
    other_invitation = invitation_open(
        case_id=other.pk, appointment_type="interview", modes=["in_person"], actor=officer
    )
    with pytest.raises(Conflict) as caught:
        appointment_hold(case_id=other.pk, invitation_id=other_invitation.pk, slot_id=slot.pk)
    assert caught.value.field == "slot"
    assert Appointment.objects.filter(case=other).count() == 0


def test_the_database_refuses_a_second_active_appointment_on_a_slot(invited, slot_make, officer):
    """The unique index itself, without the service in front of it."""
    case, invitation = invited
    slot = slot_make()
    first = _book(case, invitation, slot)
    other = case_make()
    other_invitation = invitation_open(
        case_id=other.pk, appointment_type="interview", modes=["in_person"], actor=officer
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(
            invitation=other_invitation,
            case=other,
            appointment_type="interview",
            slot=slot,
            officer=first.officer,
            mode="in_person",
            starts_at=first.starts_at,
            ends_at=first.ends_at,
            status="booked",
            created_at=first.created_at,
            updated_at=first.updated_at,
        )


def test_a_hold_expires_and_frees_the_slot(invited, slot_make, now, officer):
    case, invitation = invited
    slot = slot_make()
    held = appointment_hold(case_id=case.pk, invitation_id=invitation.pk, slot_id=slot.pk)
    now["at"] += dt.timedelta(minutes=11)
    with pytest.raises(Conflict):
        appointment_confirm(case_id=case.pk, appointment_id=held.pk)
    other = case_make()
    other_invitation = invitation_open(
        case_id=other.pk, appointment_type="interview", modes=["in_person"], actor=officer
    )
    assert slots_bookable(invitation=other_invitation) == [slot]
    taken = appointment_hold(case_id=other.pk, invitation_id=other_invitation.pk, slot_id=slot.pk)
    assert taken.slot_id == slot.pk
    assert Appointment.objects.get(pk=held.pk).status == "expired"
    assert holds_expire() == 0


def test_a_new_choice_replaces_the_case_s_previous_hold(invited, slot_make):
    case, invitation = invited
    first, second = slot_make(), slot_make(starts_at=at(9, 13))
    appointment_hold(case_id=case.pk, invitation_id=invitation.pk, slot_id=first.pk)
    appointment_hold(case_id=case.pk, invitation_id=invitation.pk, slot_id=second.pk)
    assert list(
        Appointment.objects.filter(case=case, active=True).values_list("slot", flat=True)
    ) == [second.pk]


def test_a_booking_on_someone_else_s_invitation_is_not_found(invited, slot_make):
    _, invitation = invited
    stranger = case_make()
    with pytest.raises(NotFound) as caught:
        appointment_hold(case_id=stranger.pk, invitation_id=invitation.pk, slot_id=slot_make().pk)
    assert caught.value.field == "invitation"
    assert not Appointment.objects.exists()


def test_a_slot_of_another_type_or_too_soon_is_refused(invited, slot_make, now):
    case, invitation = invited
    oath = slot_make(appointment_type="oath", resource_code="ceremony")
    with pytest.raises(InvalidInput) as caught:
        appointment_hold(case_id=case.pk, invitation_id=invitation.pk, slot_id=oath.pk)
    assert caught.value.field == "slot"
    soon = slot_make(starts_at=at(2, 9))  # tomorrow morning: inside the 24 h notice
    with pytest.raises(InvalidInput):
        appointment_hold(case_id=case.pk, invitation_id=invitation.pk, slot_id=soon.pk)
    assert not Appointment.objects.exists()


def test_reschedule_keeps_the_uid_and_counts(invited, slot_make):
    case, invitation = invited
    first, second, third, fourth = (
        slot_make(),
        slot_make(starts_at=at(9, 13)),
        slot_make(starts_at=at(10, 9)),
        slot_make(starts_at=at(11, 9)),
    )
    appointment = _book(case, invitation, first)
    moved = appointment_reschedule(
        case_id=case.pk, appointment_id=appointment.pk, slot_id=second.pk
    )
    assert moved.uid == appointment.uid
    assert moved.sequence == 1 and moved.reschedules == 1
    appointment_reschedule(case_id=case.pk, appointment_id=appointment.pk, slot_id=third.pk)
    with override_settings(APPOINTMENTS_MAX_RESCHEDULES=2), pytest.raises(IllegalTransition):
        appointment_reschedule(case_id=case.pk, appointment_id=appointment.pk, slot_id=fourth.pk)
    assert Appointment.objects.get(pk=appointment.pk).slot_id == third.pk
    # The freed slots are bookable again.
    assert first in slots_bookable(invitation=invitation)


def test_no_reschedule_or_cancel_after_the_deadline(invited, slot_make, now):
    case, invitation = invited
    slot, later = slot_make(), slot_make(starts_at=at(10, 9))
    appointment = _book(case, invitation, slot)
    now["at"] = at(8, 12)  # 22 hours before
    with pytest.raises(IllegalTransition) as caught:
        appointment_reschedule(case_id=case.pk, appointment_id=appointment.pk, slot_id=later.pk)
    assert caught.value.field == "slot"
    with pytest.raises(IllegalTransition):
        appointment_cancel(case_id=case.pk, appointment_id=appointment.pk)
    # The department may still cancel.
    appointment_cancel(case_id=case.pk, appointment_id=appointment.pk, by_department=True)
    assert Appointment.objects.get(pk=appointment.pk).status == "withdrawn"


def test_cancel_frees_the_slot_and_reopens_the_invitation(invited, slot_make):
    case, invitation = invited
    slot = slot_make()
    appointment = _book(case, invitation, slot)
    cancelled = appointment_cancel(case_id=case.pk, appointment_id=appointment.pk)
    assert cancelled.status == "cancelled" and not cancelled.active
    assert cancelled.sequence == 1
    assert Invitation.objects.get(pk=invitation.pk).status == "open"
    assert slots_bookable(invitation=invitation) == [slot]
    # Booked again on the same invitation.
    assert _book(case, invitation, slot).active


def test_one_active_appointment_per_case_and_type(invited, slot_make):
    case, invitation = invited
    _book(case, invitation, slot_make())
    with pytest.raises(Conflict):
        appointment_hold(
            case_id=case.pk, invitation_id=invitation.pk, slot_id=slot_make(starts_at=at(9, 13)).pk
        )


def test_attendance_is_recorded_once_the_appointment_started(invited, slot_make, now, officer):
    case, invitation = invited
    appointment = _book(case, invitation, slot_make())
    with pytest.raises(IllegalTransition):
        appointment_attendance_record(
            appointment_id=appointment.pk, status="attended", outcome="", actor=officer
        )
    now["at"] = at(9, 10, 40)
    with pytest.raises(InvalidInput) as caught:
        appointment_attendance_record(
            appointment_id=appointment.pk, status="booked", outcome="", actor=officer
        )
    assert caught.value.field == "status"
    done = appointment_attendance_record(
        appointment_id=appointment.pk, status="attended", outcome="Interview held.", actor=officer
    )
    assert done.status == "attended" and not done.active
    assert CaseEvent.objects.filter(case=case, kind="appt").count() == 3
    with pytest.raises(IllegalTransition):
        appointment_attendance_record(
            appointment_id=appointment.pk, status="no_show", outcome="", actor=officer
        )


@pytest.mark.postgres_only
def test_postgresql_refuses_overlapping_slots_and_appointments_itself(invited, slot_make, officer):
    """The exclusion constraints, written around the service (as a second writer might)."""
    from django.db import connection

    if connection.vendor != "postgresql":
        pytest.skip("exclusion constraints exist on PostgreSQL only")
    slot = slot_make()
    with pytest.raises(IntegrityError), transaction.atomic():
        Slot.objects.create(
            officer=officer,
            point=slot.point,
            appointment_type="interview",
            mode="video_home",
            starts_at=slot.starts_at + dt.timedelta(minutes=10),
            ends_at=slot.ends_at + dt.timedelta(minutes=10),
            published_at=slot.published_at,
        )
    # Two slots of one room at overlapping times, published by different officers before the
    # constraint existed, cannot both carry an active appointment either: here a slot of
    # another officer in another room, and an appointment on it copied to overlap officer's.
    case, invitation = invited
    booked = _book(case, invitation, slot)
    other_officer = staff_make("officer")
    other_slot = slot_make(officer=other_officer, resource_code="interview-2")
    other = case_make()
    other_invitation = invitation_open(
        case_id=other.pk, appointment_type="interview", modes=["in_person"], actor=officer
    )
    with pytest.raises(IntegrityError), transaction.atomic():
        Appointment.objects.create(
            invitation=other_invitation,
            case=other,
            appointment_type="interview",
            slot=other_slot,
            officer=booked.officer,  # the first officer, at the same time
            mode="in_person",
            starts_at=booked.starts_at,
            ends_at=booked.ends_at,
            status="booked",
            created_at=booked.created_at,
            updated_at=booked.updated_at,
        )


def test_the_invitation_and_the_booking_come_with_letters(invited, slot_make, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    case, invitation = invited
    _book(case, invitation, slot_make())
    letters = Letter.objects.filter(case=case, kind=LetterKind.APPOINTMENT).order_by("pk")
    events = CaseEvent.objects.filter(case=case, kind="appt").order_by("sequence")
    assert len(events) == 2  # invited, booked (a hold leaves no event)
    assert [letter.event_sequence for letter in letters] == [e.sequence for e in events]
    booked = letter_render(letter_id=letters.last().pk)
    with default_storage.open(booked.storage_name, "rb") as handle:
        text = PdfReader(handle).pages[0].extract_text().replace("\n", " ")
    assert "Votre rendez-vous" in text and "Montréal" in text  # the client's language
