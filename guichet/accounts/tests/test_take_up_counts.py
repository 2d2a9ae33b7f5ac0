"""Status look-ups answered by self-service are counted for digital take-up (contact metrics),
as a daily count per channel that holds nothing about the person."""

import pytest
from django.urls import reverse

from guichet.accounts.tests.conftest import link_make, signed_in
from guichet.accounts.tests.test_api import lookup, proof
from guichet.contact.models import StatusLookupDay

pytestmark = pytest.mark.django_db


def _count(channel):
    return sum(StatusLookupDay.objects.filter(channel=channel).values_list("count", flat=True))


def test_an_answered_api_look_up_is_counted_and_a_failed_one_is_not(case):
    assert lookup(proof(case)).status_code == 200
    assert lookup(proof(case, family_name="Someone Else")).status_code == 404
    assert _count("api") == 1


def test_a_status_page_shown_to_a_client_is_counted(account, case):
    link = link_make(account, case)
    response = signed_in(account).get(reverse("accounts:case", kwargs={"link_id": link.pk}))
    assert response.status_code == 200
    assert _count("web") == 1


def test_look_ups_are_written_in_batches_and_none_is_lost(settings):
    from guichet.contact.services.interactions import (
        status_lookup_count,
        status_lookup_counts_flush,
    )

    settings.CONTACT_LOOKUP_COUNT_BATCH = 3
    settings.CONTACT_LOOKUP_COUNT_SECONDS = 3600
    status_lookup_count(channel="api")
    status_lookup_count(channel="api")
    assert _count("api") == 0  # still in memory
    status_lookup_count(channel="api")
    assert _count("api") == 3
    status_lookup_count(channel="web")
    status_lookup_counts_flush()  # what happens at exit
    assert (_count("api"), _count("web")) == (3, 1)
