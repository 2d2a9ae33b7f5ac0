"""What staff see on a case's timeline."""

import pytest
from django.core.management import call_command
from django.utils import translation

from guichet.notifications.selectors import notifications_for_case, recipient_mask
from guichet.notifications.tests.conftest import queue, tasks_run
from guichet.notifications.tests.notify_stub import Behaviour
from guichet.testing.factories import case_make, client_make

pytestmark = pytest.mark.django_db


def test_timeline_lists_each_message_with_its_status_and_a_masked_recipient(notify_stub):
    case = case_make(client=client_make(email="marie@example.ca"))
    notify_stub.script.append(Behaviour(status=400))
    queue(case_id=case.pk, client_id=case.client_id, idempotency_key="t:sms")
    queue(case_id=other_case().pk, idempotency_key="t:other")
    tasks_run()
    timeline = notifications_for_case(case.pk)
    assert [(n.channel, n.status) for n in timeline] == [("sms", "failed"), ("email", "sent")]
    sms, email = timeline
    assert sms.recipient_masked == "…0100" and email.recipient_masked == "m…@example.ca"
    assert email.fallback_of_id == sms.id
    assert "HTTP 400" in sms.detail
    with translation.override("fr"):
        french = notifications_for_case(case.pk)
    assert [n.status_label for n in french] == ["Échec", "Envoyé"]
    assert [n.channel_label for n in french] == ["Message texte", "Courriel"]


def other_case():
    return case_make()


def test_masking():
    assert recipient_mask("+16135550100") == "…0100"
    assert recipient_mask("jean.tremblay@example.ca") == "j…@example.ca"


def test_system_check_passes_with_the_database_backend():
    call_command("check", "--fail-level", "ERROR")
