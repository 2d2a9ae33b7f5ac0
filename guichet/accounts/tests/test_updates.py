"""Updates on a change: written with the change, grouped, sent once through the outbox, in
the holder's language, with a link and nothing else; opt-out honoured."""

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import transaction
from django_tasks_db.models import DBTaskResult

from guichet.accounts.models import CaseUpdateNotice, NoticeOutcome
from guichet.accounts.tasks import case_updates_send
from guichet.accounts.tests.conftest import account_make, link_make
from guichet.accounts.updates import case_update_notices_send
from guichet.cases.services import case_decide, case_step_update
from guichet.core import clock
from guichet.notifications.models import Notification

pytestmark = pytest.mark.django_db


def move(case, step="completeness-check", state="completed", **kwargs):
    return case_step_update(case_id=case.pk, step_code=step, state=state, actor=None, **kwargs)


@pytest.fixture
def holder(db):
    return account_make(language="fr", phone="+16135550199")


def updates():
    """Update messages, with or without a letter among the changes."""
    return Notification.objects.filter(purpose__in=["case_update", "case_update_letter"]).order_by(
        "channel"
    )


def test_a_change_promises_one_message_per_chosen_channel(holder, case):
    link_make(holder, case, notify_sms=True, notify_email=True)
    before = clock.now()
    move(case)
    notices = list(CaseUpdateNotice.objects.order_by("channel"))
    assert [n.channel for n in notices] == ["email", "sms"]
    for notice in notices:
        assert notice.outcome == NoticeOutcome.PENDING
        hold = (notice.due_at - before).total_seconds()
        assert 44 <= hold <= 60
    task = DBTaskResult.objects.get(task_path="guichet.accounts.tasks.case_updates_send")
    assert task.run_after is not None


def test_several_changes_in_a_few_minutes_make_one_message(holder, case):
    link = link_make(holder, case, notify_email=True)
    move(case)
    move(case, step="sponsor-eligibility", state="in_progress")
    move(case, step="sponsor-eligibility", state="action_required", client_note="Send a photo.")
    notice = CaseUpdateNotice.objects.get()
    assert notice.changes == 3
    assert case_update_notices_send(now=notice.due_at - dt.timedelta(seconds=1)) == 0
    assert case_update_notices_send(now=notice.due_at) == 1
    assert case_update_notices_send(now=notice.due_at + dt.timedelta(minutes=10)) == 0
    message = updates().get()
    assert message.channel == "email" and message.recipient == holder.email
    assert message.language == "fr"
    assert f"/fr/compte/demandes/{link.pk}/" in message.body
    assert message.case_id == case.pk
    client = case.client
    for personal in (client.family_name, client.given_names, case.application_number, "photo"):
        assert personal not in message.body and personal not in message.subject
    # The next change waits for the gap after the message, gathering what follows.
    handled = CaseUpdateNotice.objects.get().handled_at
    move(case, step="sponsor-eligibility", state="in_progress")
    later = CaseUpdateNotice.objects.get(outcome=NoticeOutcome.PENDING)
    assert later.due_at >= handled + dt.timedelta(minutes=5)


def test_the_text_message_carries_only_the_link(holder, case):
    link = link_make(holder, case, notify_sms=True)
    move(case)
    case_update_notices_send(now=clock.now() + dt.timedelta(minutes=1))
    message = updates().get()
    assert message.channel == "sms" and message.recipient == "+16135550199"
    assert f"/fr/compte/demandes/{link.pk}/" in message.body
    assert case.application_number not in message.body


def test_a_decision_is_a_change_too(holder, case):
    link_make(holder, case, notify_email=True)
    case_decide(case_id=case.pk, outcome="withdrawn", actor=None)
    assert CaseUpdateNotice.objects.count() == 1


def test_no_choice_no_message(holder, case):
    link_make(holder, case)
    move(case)
    assert not CaseUpdateNotice.objects.exists()


def test_turning_updates_off_cancels_what_waits(holder, case):
    link = link_make(holder, case, notify_sms=True, notify_email=True)
    move(case)
    from guichet.accounts.linking import case_link_preferences_update

    case_link_preferences_update(account=holder, link_id=link.pk, sms=False, email=True)
    assert CaseUpdateNotice.objects.get(channel="sms").outcome == NoticeOutcome.CANCELLED
    # Even a choice changed behind the page's back is read again at sending time.
    type(link).objects.filter(pk=link.pk).update(notify_email=False)
    assert case_update_notices_send(now=clock.now() + dt.timedelta(minutes=1)) == 0
    assert not updates().exists()
    assert CaseUpdateNotice.objects.get(channel="email").outcome == NoticeOutcome.CANCELLED


def test_a_change_that_rolls_back_promises_nothing(holder, case):
    link_make(holder, case, notify_email=True)
    with pytest.raises(RuntimeError), transaction.atomic():
        move(case)
        raise RuntimeError("the officer's request failed after the change")
    assert not CaseUpdateNotice.objects.exists()
    assert not DBTaskResult.objects.filter(task_path__endswith="case_updates_send").exists()


def test_the_task_and_the_command_send_what_is_due(holder, case):
    link_make(holder, case, notify_email=True)
    move(case)
    CaseUpdateNotice.objects.update(due_at=clock.now() - dt.timedelta(seconds=1))
    assert case_updates_send.call() == 1
    move(case, step="sponsor-eligibility", state="in_progress")
    CaseUpdateNotice.objects.filter(outcome=NoticeOutcome.PENDING).update(
        due_at=clock.now() - dt.timedelta(seconds=1)
    )
    call_command("case_updates_send", verbosity=0)
    assert updates().count() == 2


def test_every_holder_following_the_case_is_told(case):
    first, second = account_make(language="en"), account_make(language="fr")
    link_make(first, case, notify_email=True)
    link_make(second, case, notify_email=True)
    move(case)
    case_update_notices_send(now=clock.now() + dt.timedelta(minutes=1))
    assert {(m.recipient, m.language) for m in updates()} == {
        (first.email, "en"),
        (second.email, "fr"),
    }
