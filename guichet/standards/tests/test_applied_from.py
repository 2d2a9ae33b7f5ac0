"""Standards that depend on where the client applied from: study and work permits are 60 days
outside Canada and 120 inside, each case measured against its own."""

import datetime as dt

import pytest
from django.test import override_settings

from guichet.cases.models import Case
from guichet.core.errors import InvalidInput
from guichet.standards.clocks import clocks_rebuild
from guichet.standards.figures import Figures
from guichet.standards.models import CaseClock
from guichet.standards.refresh import snapshot_refresh
from guichet.standards.tests.helpers import at, decide
from guichet.testing.factories import case_make, client_make

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 6, 30)


def _permit(applied_from: str, received_on: str, decided_on: str | None = None) -> Case:
    case = case_make(
        service_code="study-permit",
        channel="online",
        received_at=at(received_on),
        applied_from=applied_from,
    )
    if decided_on:
        decide(case, decided_on)
    return case


@override_settings(STANDARDS_MIN_SAMPLE=4)
def test_each_permit_is_measured_against_the_standard_for_where_it_was_made():
    # Four decided after 100 days each: met inside Canada (120), missed outside (60) and
    # when the origin was not recorded (held to the catalogue's 60).
    for applied_from in ("inside", "inside", "outside", ""):
        _permit(applied_from, "2026-01-05", "2026-04-15")
    # Open 90 days on 30 June: in the backlog outside Canada only.
    _permit("inside", "2026-04-01")
    _permit("outside", "2026-04-01")
    assert sorted(CaseClock.objects.values_list("target_days", flat=True), key=str) == [
        120,
        120,
        120,
        None,
        None,
        None,
    ]
    permit = Figures.from_json(snapshot_refresh(as_of=AS_OF, forecast=False).data).service(
        "study-permit"
    )
    assert permit is not None
    assert (permit.decided_12m, permit.met_12m, permit.met_share) == (4, 2, 0.5)
    assert (permit.open_total, permit.backlog) == (2, 1)


def test_a_rebuilt_clock_keeps_the_case_s_own_standard():
    _permit("inside", "2026-01-05", "2026-04-15")
    CaseClock.objects.update(target_days=None)
    assert clocks_rebuild() == 1
    assert CaseClock.objects.get().target_days == 120


def test_where_the_client_applied_from_must_be_inside_or_outside():
    with pytest.raises(InvalidInput) as refused:
        case_make(service_code="study-permit", channel="online", applied_from="mars")
    assert refused.value.field == "applied_from"
    assert not Case.objects.exists()


def test_the_public_page_states_both_standards(client):
    snapshot_refresh(as_of=AS_OF, forecast=False)
    page = client.get("/en/processing-times/?service=work-permit").content.decode()
    assert "For applications made inside Canada, the standard is 80% decided within 120" in page
    french = client.get("/fr/delais-de-traitement/?service=work-permit").content.decode()
    assert "120\u00a0jours" in french
    assert (
        "inside-canada-standard"
        not in client.get("/en/processing-times/?service=visitor-visa").content.decode()
    )


def test_the_client_is_unrelated_to_the_origin():
    # The origin belongs to the application, not the person: one client, two permits.
    person = client_make()
    inside = case_make(
        service_code="work-permit", channel="online", client=person, applied_from="inside"
    )
    outside = case_make(
        service_code="work-permit", channel="online", client=person, applied_from="outside"
    )
    assert (inside.applied_from, outside.applied_from) == ("inside", "outside")
