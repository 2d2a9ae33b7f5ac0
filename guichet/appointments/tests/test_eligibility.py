"""Distance from a postal code to the nearest office, offline, and who is offered video."""

import pytest
from django.test import override_settings

from guichet.appointments.geo import distance_km, fsa_of, fsa_places, place_of
from guichet.appointments.selectors import (
    eligibility_for_postal_code,
    nearest_offices,
    points_abroad,
)
from guichet.core.errors import GuichetError, InvalidInput, NotFound

pytestmark = pytest.mark.django_db


def test_the_fsa_centroids_come_from_the_package_without_a_download():
    places = fsa_places()
    assert len(places) > 1600
    ottawa = places["K1A"]
    assert ottawa.region == "ON"
    assert 45 < ottawa.latitude < 46


@pytest.mark.parametrize("text", ["k1a 0b1", "K1A0B1", "K1A-0B1", " K1A ", "k1a"])
def test_postal_codes_are_read_any_usual_way(text):
    assert fsa_of(text) == "K1A"


@pytest.mark.parametrize(
    "text", ["", "12345", "D1A 0B1", "K1A 0B", "<script>", "SW1A 1AA", "Z1A 1A1", "K" * 50]
)
def test_what_is_not_a_canadian_postal_code_is_refused_naming_the_field(text):
    with pytest.raises(InvalidInput) as caught:
        fsa_of(text)
    assert caught.value.field == "postal_code"
    assert caught.value.text("fr") != caught.value.text("en")


def test_a_well_formed_code_not_in_use_is_refused():
    # K0Z: well formed, no such FSA.
    with pytest.raises(InvalidInput) as caught:
        place_of("K0Z 1A1")
    assert "not in use" in caught.value.text("en")
    assert "\u00a0" not in caught.value.text("en")


def test_haversine_distance_montreal_to_toronto():
    assert distance_km(45.5017, -73.5673, 43.6532, -79.3832) == pytest.approx(504, abs=5)
    assert distance_km(45.0, -75.0, 45.0, -75.0) == 0


def test_a_client_near_an_office_is_not_offered_video(points):
    result = eligibility_for_postal_code(postal_code="H2X 1Y4", language="en")
    assert result.nearest_office.code == "ircc-montreal"
    assert result.distance_km < 10
    assert not result.video_offered
    # Nearest first, whatever the kind.
    distances = [p.distance_km for p in result.points]
    assert distances == sorted(distances)


def test_a_client_far_from_any_office_is_offered_video(points):
    # Thunder Bay is more than 600 km from the nearest IRCC office.
    result = eligibility_for_postal_code(postal_code="P7B 5E1", language="fr")
    assert result.distance_km > 150
    assert result.video_offered
    assert not result.remote_region
    # The partner Service Canada Centre in Thunder Bay is the nearest place to go.
    assert result.points[0].code == "scc-thunder-bay"
    assert result.points[0].video_kiosk
    assert result.points[0].name == "Centre Service Canada – Thunder Bay"


def test_the_distance_threshold_is_a_setting(points):
    with override_settings(APPOINTMENTS_VIDEO_DISTANCE_KM=1000):
        assert not eligibility_for_postal_code(postal_code="P7B 5E1", language="en").video_offered


def test_a_listed_remote_region_is_offered_video_whatever_the_distance(points):
    with override_settings(APPOINTMENTS_REMOTE_FSA_PREFIXES=("H2X",)):
        result = eligibility_for_postal_code(postal_code="H2X 1Y4", language="en")
    assert result.remote_region
    assert result.video_offered
    iqaluit = eligibility_for_postal_code(postal_code="X0A 0H0", language="en")
    assert iqaluit.remote_region and iqaluit.video_offered


def test_eligibility_runs_two_queries(points, django_assert_num_queries):
    with django_assert_num_queries(2):
        eligibility_for_postal_code(postal_code="P7B 5E1", language="en")


def test_nearest_offices_for_many_codes(points):
    found = nearest_offices(["H2X", "H2X", "V6B", "X0A"])
    assert found[0] == found[1]
    assert found[0][0] == "ircc-montreal"
    assert found[2][0] == "ircc-vancouver"
    assert found[3][1] > 1000


def test_points_abroad_by_country_and_city(points):
    centres = points_abroad(country="in", city="chandigarh", language="en")
    assert centres[0].city == "Chandigarh"
    assert centres[0].distance_km == 0
    assert centres[1].city == "Jalandhar"  # the nearest other centre
    # A city without a centre: every centre of the country, by city.
    centres = points_abroad(country="MX", city="Puebla", language="fr")
    assert [c.city for c in centres] == sorted(c.city for c in centres)
    # Accents and case do not matter.
    assert points_abroad(country="BR", city="sao paulo", language="en")[0].city == "São Paulo"


@pytest.mark.parametrize(
    ("country", "city", "error", "field"),
    [
        ("", "", InvalidInput, "country"),
        ("Canada", "", InvalidInput, "country"),
        ("US", "Boston", NotFound, "country"),
        ("IN", "x" * 101, InvalidInput, "city"),
    ],
)
def test_points_abroad_bad_input(points, country, city, error, field):
    with pytest.raises(error) as caught:
        points_abroad(country=country, city=city, language="en")
    assert isinstance(caught.value, GuichetError)
    assert caught.value.field == field
