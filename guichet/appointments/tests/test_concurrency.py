"""Fifty clients press "book" on the same slot at the same moment: exactly one gets it.

Runs on both databases (CI runs the suite on SQLite and on PostgreSQL). The winner is chosen
by the database (the partial unique index on the slot; on PostgreSQL also the exclusion
constraints), not by a check in Python: the service reads nothing that would let two threads
both decide the slot is free and both insert.
"""

import threading

import pytest
from django.db import connection, connections

from guichet.appointments.models import Appointment
from guichet.appointments.services import appointment_hold, invitation_open, points_load
from guichet.core.errors import Conflict
from guichet.testing.factories import case_make, staff_make

THREADS = 50


@pytest.mark.django_db(transaction=True)
def test_fifty_concurrent_bookings_of_one_slot_get_exactly_one(now):
    if connection.vendor == "sqlite" and "memory" in str(connection.settings_dict["NAME"]):
        pytest.skip("an in-memory SQLite database cannot be shared by two connections")
    from guichet.appointments.services import slot_publish
    from guichet.appointments.tests.conftest import at

    points_load()
    officer = staff_make("officer")
    slot = slot_publish(
        officer=officer,
        point_code="ircc-montreal",
        appointment_type="interview",
        mode="in_person",
        starts_at=at(9, 10),
        minutes=30,
        resource_code="interview-1",
    )
    invited = []
    for _ in range(THREADS):
        case = case_make()
        invitation = invitation_open(
            case_id=case.pk, appointment_type="interview", modes=["in_person"], actor=officer
        )
        invited.append((case.pk, invitation.pk))
    barrier = threading.Barrier(THREADS)
    won: list[int] = []
    refused: list[Conflict] = []
    errors: list[BaseException] = []

    def work(case_id: int, invitation_id: int) -> None:
        try:
            barrier.wait()
            appointment = appointment_hold(
                case_id=case_id, invitation_id=invitation_id, slot_id=slot.pk
            )
            won.append(appointment.case_id)
        except Conflict as error:
            refused.append(error)
        except BaseException as error:
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=work, args=pair) for pair in invited]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert errors == []
    assert len(won) == 1
    assert len(refused) == THREADS - 1
    assert {error.field for error in refused} == {"slot"}
    rows = Appointment.objects.filter(slot=slot, active=True)
    assert list(rows.values_list("case_id", flat=True)) == won
    # Nothing half-booked: the losers left no row at all.
    assert Appointment.objects.count() == 1
