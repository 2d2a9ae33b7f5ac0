"""Points of service loaded from the shipped data, an officer, and a clock set to a Monday."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from guichet.appointments.services import points_load, slot_publish
from guichet.core import clock
from guichet.testing.factories import staff_make

# Monday 1 March 2027, noon in Montréal; slots are published for the following week.
NOW = dt.datetime(2027, 3, 1, 12, 0, tzinfo=ZoneInfo("America/Toronto"))
MONTREAL = ZoneInfo("America/Toronto")


def at(day: int, hour: int, minute: int = 0, zone: ZoneInfo = MONTREAL) -> dt.datetime:
    return dt.datetime(2027, 3, day, hour, minute, tzinfo=zone)


@pytest.fixture
def now(monkeypatch):
    current = {"at": NOW}
    monkeypatch.setattr(clock, "now", lambda: current["at"])
    return current


@pytest.fixture
def points(db):
    return points_load()


@pytest.fixture
def officer(db):
    return staff_make("officer")


@pytest.fixture
def slot_make(points, officer, now):
    """A slot at the Montréal office (interview room 1 unless told), Tuesday 9 March 10:00."""

    def make(**overrides):
        fields = {
            "officer": officer,
            "point_code": "ircc-montreal",
            "appointment_type": "interview",
            "mode": "in_person",
            "starts_at": at(9, 10),
            "minutes": 30,
            "resource_code": "interview-1",
        }
        fields.update(overrides)
        return slot_publish(**fields)

    return make
