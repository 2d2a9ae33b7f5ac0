"""The demo's availability and invitations, through the services."""

import pytest
from django.core.management import call_command

from guichet.appointments.models import Invitation, Slot
from guichet.testing.factories import case_make, staff_make

pytestmark = pytest.mark.django_db


def test_appointments_demo_publishes_slots_and_invites(now, capsys):
    staff_make("officer", username="officer")
    case_make()
    call_command("appointments_demo", invite=3)
    first = Slot.objects.count()
    # 2 weeks of working days, 6 slots a day, less public holidays.
    assert 40 <= first <= 60
    assert set(Slot.objects.values_list("mode", flat=True)) == {
        "in_person",
        "video_home",
        "video_partner",
    }
    assert Invitation.objects.count() == 1
    call_command("appointments_demo", invite=3)  # again: nothing twice
    assert Slot.objects.count() == first
    assert Invitation.objects.count() == 1
    assert "slots published" in capsys.readouterr().out
