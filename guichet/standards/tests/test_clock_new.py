"""A received case's clock row is built from the rows case_receive wrote (no read back): it must
be the row clock_record folds from the database, for every service, channel and origin."""

import datetime as dt

import pytest
from django.forms.models import model_to_dict

from guichet.cases.models import AppliedFrom, Channel
from guichet.catalogue.selectors import catalogue_get
from guichet.standards.clocks import clock_record
from guichet.standards.models import CaseClock
from guichet.testing.factories import case_make

pytestmark = pytest.mark.django_db

# Late evening in Ottawa is already the next day in UTC: the day must be the local one.
RECEIVED = (
    dt.datetime(2026, 1, 15, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
    dt.datetime(2026, 7, 1, 0, 5, tzinfo=dt.UTC),
    None,  # now
)


def _row(case_id: int) -> dict:
    return model_to_dict(CaseClock.objects.get(case_id=case_id))


@pytest.mark.parametrize("received_at", RECEIVED)
def test_the_clock_of_a_new_case_is_the_one_folded_from_the_database(received_at):
    checked = 0
    for service in catalogue_get().services.values():
        channel = Channel.PAPER if service.accepts(Channel.PAPER) else Channel.ONLINE
        for applied_from in ("", *AppliedFrom.values):
            case = case_make(
                service_code=service.code,
                channel=channel,
                received_at=received_at,
                applied_from=applied_from,
            )
            built = _row(case.pk)  # by clock_record_new, in case_receive's transaction
            CaseClock.objects.filter(case_id=case.pk).delete()
            clock_record(case_id=case.pk)  # reads the case, its events and steps back
            assert built == _row(case.pk), (service.code, applied_from)
            checked += 1
    assert checked >= 3
