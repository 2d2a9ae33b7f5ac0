"""A received case's stored status is rendered from the rows case_receive wrote (no read back):
it must be byte for byte what rendering from the database gives, in both languages."""

import datetime as dt

import pytest

from guichet.cases.models import Channel
from guichet.catalogue.selectors import catalogue_get
from guichet.status.models import StatusDocument
from guichet.status.services.documents import status_documents_write
from guichet.testing.factories import case_make

pytestmark = pytest.mark.django_db


def _bodies(case_id: int) -> dict[str, bytes]:
    return {d.language: bytes(d.body) for d in StatusDocument.objects.filter(case_id=case_id)}


@pytest.mark.parametrize(
    "received_at",
    [dt.datetime(2026, 1, 15, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-5))), None],
)
def test_a_new_case_document_is_the_one_rendered_from_the_database(received_at):
    for service in catalogue_get().services.values():
        channel = Channel.PAPER if service.accepts(Channel.PAPER) else Channel.ONLINE
        case = case_make(service_code=service.code, channel=channel, received_at=received_at)
        built = _bodies(case.pk)
        assert set(built) == {"en", "fr"}
        StatusDocument.objects.filter(case_id=case.pk).delete()
        status_documents_write(case_ids=[case.pk])  # reads the case, steps and events back
        assert _bodies(case.pk) == built, service.code
