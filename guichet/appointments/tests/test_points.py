"""The shipped points of service, their hours, rooms, closures and public holidays."""

import datetime as dt

import pytest

from guichet.appointments.hours import holiday_name
from guichet.appointments.models import OpeningHours, PointKind, PointOfService, Resource, Slot
from guichet.appointments.selectors import point_closed_reason
from guichet.appointments.services import hours_parse, points_load

pytestmark = pytest.mark.django_db


def test_the_shipped_set_has_offices_partner_centres_and_vacs(points):
    kinds = dict.fromkeys(PointKind.values, 0)
    for kind in PointOfService.objects.values_list("kind", flat=True):
        kinds[kind] += 1
    assert kinds[PointKind.IRCC_OFFICE] >= 20
    assert kinds[PointKind.SERVICE_CANADA] >= 24
    assert kinds[PointKind.VAC] >= 30
    # The main visitor-visa source countries each have a centre.
    countries = set(
        PointOfService.objects.filter(kind=PointKind.VAC).values_list("country", flat=True)
    )
    assert {"IN", "CN", "MX", "PH", "NG", "BR"} <= countries
    montreal = PointOfService.objects.get(code="ircc-montreal")
    assert montreal.timezone == "America/Toronto"
    assert montreal.name("fr") == "Bureau d'IRCC – Montréal"
    assert "oath" in montreal.type_codes


def test_hours_rooms_and_kiosks_come_from_the_defaults_of_each_kind(points):
    montreal = PointOfService.objects.get(code="ircc-montreal")
    # Lunch break: two openings a weekday, none at the weekend.
    assert OpeningHours.objects.filter(point=montreal).count() == 10
    assert not OpeningHours.objects.filter(point=montreal, weekday__gte=5).exists()
    assert set(Resource.objects.filter(point=montreal).values_list("kind", flat=True)) == {
        "room",
        "hall",
    }
    iqaluit = PointOfService.objects.get(code="scc-iqaluit")
    assert iqaluit.video_kiosk
    assert Resource.objects.filter(point=iqaluit, kind="kiosk").exists()


def test_loading_twice_changes_nothing(points):
    before = (
        PointOfService.objects.count(),
        OpeningHours.objects.count(),
        Resource.objects.count(),
    )
    again = points_load()
    assert again.points == points.points
    assert again.removed == 0
    after = (PointOfService.objects.count(), OpeningHours.objects.count(), Resource.objects.count())
    assert before == after


def test_a_point_no_longer_listed_stays_while_slots_refer_to_it(tmp_path, slot_make):
    slot_make()
    path = tmp_path / "points.toml"
    path.write_text(
        """
[[point]]
code = "ircc-ottawa"
kind = "ircc"
operator = "IRCC"
name_en = "IRCC office – Ottawa"
name_fr = "Bureau d'IRCC – Ottawa"
city = "Ottawa"
region = "ON"
country = "CA"
latitude = 45.42
longitude = -75.70
timezone = "America/Toronto"
hours = ["Mo-Fr 09:00-15:00"]
rooms = ["a:room"]
types = ["interview"]
""",
        encoding="utf-8",
    )
    result = points_load(path=path)
    assert result.points == 1
    # Montréal has a slot: kept; every other point went.
    assert set(PointOfService.objects.values_list("code", flat=True)) == {
        "ircc-ottawa",
        "ircc-montreal",
    }
    assert Slot.objects.count() == 1


@pytest.mark.parametrize(
    ("spec", "rows"),
    [
        ("Mo-Fr 08:00-16:00", 5),
        ("Mo,We 09:00-12:00", 2),
        ("Sa 10:00-14:00", 1),
    ],
)
def test_hours_parse(spec, rows):
    assert len(hours_parse(spec)) == rows


@pytest.mark.parametrize("spec", ["Mo-Fr 16:00-08:00", "weekdays 9-5", "Xx 08:00-09:00"])
def test_hours_parse_refuses_nonsense(spec):
    with pytest.raises((ValueError, KeyError)):
        hours_parse(spec)


def test_public_holidays_depend_on_the_province_and_the_country(points):
    # Saint-Jean-Baptiste is a holiday in Quebec, not in Ontario.
    assert holiday_name(country="CA", region="QC", day=dt.date(2027, 6, 24))
    assert holiday_name(country="CA", region="ON", day=dt.date(2027, 6, 24)) is None
    # Canada Day everywhere in Canada; Diwali-free 1 July in India.
    montreal = PointOfService.objects.get(code="ircc-montreal")
    assert point_closed_reason(point=montreal, day=dt.date(2027, 7, 1))
    delhi = PointOfService.objects.get(code="vac-in-new-delhi")
    assert point_closed_reason(point=delhi, day=dt.date(2027, 7, 1)) is None
    # Republic Day in India; a working day in Montréal.
    assert point_closed_reason(point=delhi, day=dt.date(2027, 1, 26))
    assert point_closed_reason(point=montreal, day=dt.date(2027, 1, 26)) is None
    # A region the library does not know still gets the country's holidays.
    beijing = PointOfService.objects.get(code="vac-cn-beijing")
    assert point_closed_reason(point=beijing, day=dt.date(2027, 10, 1))
