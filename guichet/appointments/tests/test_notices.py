"""Invitations with their calendar file, cancellations, reminders 48 h and 2 h before, and the
video links: through the outbox, in the client's language, parsed back."""

import datetime as dt

import jwt
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db import transaction
from django.test import override_settings
from icalendar import Calendar

from guichet.appointments.models import Appointment
from guichet.appointments.services import (
    appointment_cancel,
    appointment_confirm,
    appointment_hold,
    appointment_reschedule,
    invitation_open,
    reminders_send,
)
from guichet.appointments.tests.conftest import at
from guichet.appointments.video import JitsiVideoProvider, video_provider
from guichet.core.errors import InvalidInput
from guichet.notifications.models import Notification
from guichet.notifications.providers.base import Attachment, OutboundMessage
from guichet.notifications.providers.file import FileProvider
from guichet.notifications.services import notification_queue
from guichet.testing.factories import case_make, client_make

pytestmark = pytest.mark.django_db
SECRET = "s" * 40


@pytest.fixture
def booked(officer, slot_make, now):
    def book(mode="in_person", language="fr", **slot):
        case = case_make()
        invitation = invitation_open(
            case_id=case.pk, appointment_type="interview", modes=[mode], actor=officer
        )
        if mode == "video_home":
            slot.setdefault("resource_code", "")
        the_slot = slot_make(mode=mode, **slot)
        held = appointment_hold(
            case_id=case.pk, invitation_id=invitation.pk, slot_id=the_slot.pk, language=language
        )
        return appointment_confirm(case_id=case.pk, appointment_id=held.pk)

    return book


def _ics(notification: Notification) -> Calendar:
    (attachment,) = notification.attachments
    assert attachment["name"] == "appointment.ics"
    return Calendar.from_ical(attachment["content"])


def test_booking_queues_an_e_mail_with_a_calendar_request_and_a_text(booked):
    appointment = booked()
    email = Notification.objects.get(purpose="appointment_booked", channel="email")
    sms = Notification.objects.get(purpose="appointment_booked", channel="sms")
    assert email.language == "fr"
    assert "Votre rendez-vous est confirmé." in email.body
    assert "Bureau d'IRCC – Montréal" in email.body
    assert "9 mars 2027" in sms.body
    assert sms.attachments == []
    calendar = _ics(email)
    assert calendar["METHOD"] == "REQUEST"
    (event,) = calendar.walk("VEVENT")
    assert str(event["UID"]) == f"{appointment.uid}@guichet"
    assert event["SEQUENCE"] == 0
    assert event.decoded("DTSTART") == at(9, 10)
    assert event["DTSTART"].params["TZID"] == "America/Toronto"
    assert str(event["SUMMARY"]) == "Rendez-vous à IRCC\u00a0: Entrevue"
    (zone,) = calendar.walk("VTIMEZONE")
    assert str(zone["TZID"]) == "America/Toronto"
    assert str(event["ATTENDEE"]).startswith("mailto:client")
    assert "ORGANIZER" in event


def test_moving_sends_the_same_uid_with_the_next_sequence(booked, slot_make):
    appointment = booked()
    later = slot_make(starts_at=at(10, 9))
    appointment_reschedule(
        case_id=appointment.case_id, appointment_id=appointment.pk, slot_id=later.pk
    )
    emails = Notification.objects.filter(purpose="appointment_booked", channel="email").order_by(
        "id"
    )
    first, second = (_ics(n).walk("VEVENT")[0] for n in emails)
    assert first["UID"] == second["UID"]
    assert (first["SEQUENCE"], second["SEQUENCE"]) == (0, 1)
    assert second.decoded("DTSTART") == at(10, 9)


def test_cancelling_sends_a_calendar_cancel(booked):
    appointment = booked(language="en")
    appointment_cancel(case_id=appointment.case_id, appointment_id=appointment.pk)
    email = Notification.objects.get(purpose="appointment_cancelled", channel="email")
    assert email.language == "en"
    calendar = _ics(email)
    assert calendar["METHOD"] == "CANCEL"
    (event,) = calendar.walk("VEVENT")
    assert event["SEQUENCE"] == 1
    assert event["STATUS"] == "CANCELLED"


def test_a_rolled_back_booking_sends_nothing(officer, slot_make, now):
    case = case_make()
    invitation = invitation_open(
        case_id=case.pk, appointment_type="interview", modes=["in_person"], actor=officer
    )
    held = appointment_hold(case_id=case.pk, invitation_id=invitation.pk, slot_id=slot_make().pk)
    with pytest.raises(RuntimeError), transaction.atomic():
        appointment_confirm(case_id=case.pk, appointment_id=held.pk)
        raise RuntimeError
    assert not Notification.objects.filter(purpose="appointment_booked").exists()


def test_reminders_48_hours_and_2_hours_before_once_each(booked, now):
    appointment = booked()
    now["at"] = at(6, 12)  # three days before: nothing yet
    assert reminders_send() == 0
    now["at"] = at(7, 10, 30)  # 47.5 hours before
    assert reminders_send() == 2  # e-mail and text
    assert reminders_send() == 0
    now["at"] = at(9, 8, 30)  # 1.5 hours before
    assert reminders_send() == 2
    assert reminders_send() == 0
    reminders = Notification.objects.filter(purpose="appointment_reminder")
    assert reminders.count() == 4
    assert all(n.language == "fr" for n in reminders)
    assert Appointment.objects.get(pk=appointment.pk).reminded_2h_at == now["at"]


def test_a_video_appointment_gets_an_unguessable_room_a_link_and_the_phone_fall_back(booked):
    first = booked(mode="video_home")
    second = booked(mode="video_home", starts_at=at(9, 13))
    assert first.video_room and first.video_room != second.video_room
    assert len(first.video_room) >= 32
    assert first.dial_in_pin.isdigit() and len(first.dial_in_pin) == 8
    email = Notification.objects.filter(purpose="appointment_booked", channel="email").first()
    assert first.video_room in email.body
    assert first.dial_in_pin in email.body
    assert "par téléphone" in email.body


def test_jitsi_tokens_are_signed_for_one_room_and_expire(booked):
    appointment = booked(mode="video_home")
    provider = JitsiVideoProvider(domain="meet.example.ca", app_id="guichet", app_secret=SECRET)
    join = provider.join(appointment, moderator=False)
    assert join.url.startswith(f"https://meet.example.ca/{appointment.video_room}?jwt=")
    token = join.url.split("jwt=")[1]
    claims = provider.token_check(token, room=appointment.video_room, at=appointment.starts_at)
    assert claims["moderator"] is False
    assert provider.token_check(
        provider.token(appointment, moderator=True),
        room=appointment.video_room,
        at=appointment.starts_at,
    )["moderator"]
    with pytest.raises(jwt.ExpiredSignatureError):
        provider.token_check(
            token, room=appointment.video_room, at=appointment.ends_at + dt.timedelta(hours=1)
        )
    with pytest.raises(jwt.ExpiredSignatureError):
        provider.token_check(
            token, room=appointment.video_room, at=appointment.starts_at - dt.timedelta(hours=1)
        )
    with pytest.raises(jwt.InvalidTokenError):
        provider.token_check(token, room="ircc-guess", at=appointment.starts_at)
    other = JitsiVideoProvider(domain="meet.example.ca", app_id="guichet", app_secret="t" * 40)
    with pytest.raises(jwt.InvalidSignatureError):
        other.token_check(token, room=appointment.video_room, at=appointment.starts_at)


def test_jitsi_refuses_to_start_without_a_strong_secret():
    with pytest.raises(ImproperlyConfigured):
        JitsiVideoProvider(domain="meet.example.ca", app_id="guichet", app_secret="short")
    with override_settings(APPOINTMENTS_VIDEO_PROVIDER="zoom"), pytest.raises(ImproperlyConfigured):
        video_provider()


def test_attachments_go_with_e_mails_only(db):
    client = client_make()
    ics = Attachment(
        name="appointment.ics", content_type="text/calendar", content="BEGIN:VCALENDAR"
    )
    fields = {
        "purpose": "appointment_booked",
        "language": "en",
        "context": {"when": "x", "account_url": "https://example.ca/"},
        "client_id": client.pk,
    }
    with pytest.raises(InvalidInput) as caught:
        notification_queue(
            channel="sms",
            recipient="+16135550100",
            idempotency_key="t1",
            attachments=[ics],
            **fields,
        )
    assert caught.value.field == "attachments"
    bad = Attachment(name="../etc/passwd", content_type="text/plain", content="x")
    with pytest.raises(InvalidInput):
        notification_queue(
            channel="email",
            recipient="a@example.ca",
            idempotency_key="t2",
            attachments=[bad],
            purpose="appointment_cancelled",
            language="en",
            context={"appointment_type": "x", "when": "x", "place": "x", "account_url": "x"},
        )
    assert not Notification.objects.exists()


def test_the_file_provider_writes_the_calendar_file_beside_the_message(tmp_path):
    provider = FileProvider(directory=tmp_path)
    provider.send_email(
        OutboundMessage(
            channel="email",
            recipient="a@example.ca",
            language="en",
            purpose="appointment_booked",
            subject="Your appointment",
            body="Hello",
            reference="abc",
            attachments=(
                Attachment(
                    name="appointment.ics",
                    content_type="text/calendar",
                    content="BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n",
                ),
            ),
        )
    )
    names = sorted(path.name for path in tmp_path.iterdir())
    assert len(names) == 2
    ics = next(path for path in tmp_path.iterdir() if path.name.endswith("appointment.ics"))
    assert ics.read_bytes() == b"BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n"
    message = next(path for path in tmp_path.iterdir() if path.name.endswith(".txt"))
    assert "Attachment: " in message.read_text()
