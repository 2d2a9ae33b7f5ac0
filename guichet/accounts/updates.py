"""Telling clients that their case changed: one message per case and channel for a burst of
changes, through the notifications outbox.

`case_update_notices_open` runs inside the transaction of every client-visible change (the
`case_changed_in_transaction` signal), so the promise of a message commits or rolls back with
the change. The first change opens a notice due ACCOUNTS_CASE_UPDATE_HOLD_SECONDS later (45 s):
changes until then are folded into it. After a message has gone, the next one for that case and
channel waits at least ACCOUNTS_CASE_UPDATE_GAP_SECONDS (5 min) after it, gathering every change
meanwhile. So a quiet case tells its client within a minute, and an officer working through a
case does not send a message per click.

A task (accounts.tasks.case_updates_send, enqueued in the same transaction to run when the notice
is due) hands due notices to the outbox; `manage.py case_updates_send` does the same from cron
should a worker have lost it. Each notice is handed over once (idempotency key
`case-update:<notice id>`), after re-reading the client's choice: turning updates off cancels
what is waiting.
"""

import datetime as dt
import logging

from django.conf import settings
from django.db import transaction
from django.db.models import F, Q

from guichet.accounts.addresses import public_url
from guichet.accounts.models import CaseLink, CaseUpdateNotice, NoticeOutcome
from guichet.core import clock
from guichet.letters.selectors import letter_issued_between
from guichet.notifications.services import notification_queue

logger = logging.getLogger(__name__)
PURPOSE = "case_update"
PURPOSE_WITH_LETTER = "case_update_letter"  # one of the changes came with a letter


def _seconds(name: str) -> dt.timedelta:
    return dt.timedelta(seconds=int(getattr(settings, name)))


def case_update_notices_open(
    *, case_id: int, sequence: int, now: dt.datetime | None = None
) -> list[CaseUpdateNotice]:
    """Open or extend the notice of every link that wants updates on this case.

    Must run inside the transaction of the change (the case row is locked by it, so two changes
    to one case cannot both open a notice). Returns the notices opened (not those extended).
    """
    now = now or clock.now()
    links = CaseLink.objects.filter(case_id=case_id).filter(
        Q(notify_sms=True) | Q(notify_email=True)
    )
    opened: list[CaseUpdateNotice] = []
    for link in links:
        for channel in link.channels():
            extended = CaseUpdateNotice.objects.filter(
                link=link, channel=channel, outcome=NoticeOutcome.PENDING
            ).update(last_sequence=sequence, changes=F("changes") + 1)
            if extended:
                continue
            due = now + _seconds("ACCOUNTS_CASE_UPDATE_HOLD_SECONDS")
            previous = (
                CaseUpdateNotice.objects.filter(
                    link=link, channel=channel, outcome=NoticeOutcome.QUEUED
                )
                .order_by("-handled_at")
                .values_list("handled_at", flat=True)
                .first()
            )
            if previous is not None:
                due = max(due, previous + _seconds("ACCOUNTS_CASE_UPDATE_GAP_SECONDS"))
            opened.append(
                CaseUpdateNotice.objects.create(
                    link=link,
                    channel=channel,
                    first_sequence=sequence,
                    last_sequence=sequence,
                    created_at=now,
                    due_at=due,
                )
            )
    # One task per due time: it sends every notice due by then.
    for due in sorted({notice.due_at for notice in opened}):
        _schedule(due)
    return opened


def _schedule(due: dt.datetime) -> None:
    # The database backend writes the task in this same transaction.
    from guichet.accounts.tasks import case_updates_send

    if case_updates_send.get_backend().supports_defer:
        case_updates_send.using(run_after=due).enqueue()
    else:  # pragma: no cover - e.g. the immediate backend: cron runs case_updates_send
        logger.info("tasks backend cannot defer: case updates wait for case_updates_send")


def case_update_notices_cancel(*, link: CaseLink, now: dt.datetime | None = None) -> int:
    """Cancel what is waiting on the channels this link no longer wants; how many."""
    return (
        CaseUpdateNotice.objects.filter(link=link, outcome=NoticeOutcome.PENDING)
        .exclude(channel__in=link.channels())
        .update(outcome=NoticeOutcome.CANCELLED, handled_at=now or clock.now())
    )


def case_update_notices_send(*, now: dt.datetime | None = None, limit: int = 500) -> int:
    """Hand every due notice to the outbox, one transaction each; how many were queued."""
    now = now or clock.now()
    due = list(
        CaseUpdateNotice.objects.filter(outcome=NoticeOutcome.PENDING, due_at__lte=now)
        .order_by("due_at")
        .values_list("id", flat=True)[:limit]
    )
    queued = 0
    for notice_id in due:
        queued += _send_one(notice_id=notice_id, now=now)
    return queued


@transaction.atomic
def _send_one(*, notice_id: int, now: dt.datetime) -> int:
    notice = (
        CaseUpdateNotice.objects.select_for_update()
        .select_related("link__account")
        .filter(pk=notice_id, outcome=NoticeOutcome.PENDING)
        .first()
    )
    if notice is None:  # another worker took it
        return 0
    link = notice.link
    account = link.account
    recipient = account.phone if notice.channel == "sms" else account.email
    notice.handled_at = now
    if notice.channel not in link.channels() or not recipient:
        notice.outcome = NoticeOutcome.CANCELLED
        notice.save(update_fields=["outcome", "handled_at"])
        return 0
    letter = letter_issued_between(
        case_id=link.case_id,
        first_sequence=notice.first_sequence,
        last_sequence=notice.last_sequence,
    )
    notification = notification_queue(
        purpose=PURPOSE_WITH_LETTER if letter else PURPOSE,
        channel=notice.channel,
        recipient=recipient,
        language=account.language,
        context={
            "status_url": public_url("accounts:case", language=account.language, link_id=link.pk)
        },
        idempotency_key=f"case-update:{notice.pk}",
        case_id=link.case_id,
    )
    notice.outcome = NoticeOutcome.QUEUED
    notice.notification_id = notification.pk if notification is not None else None
    notice.save(update_fields=["outcome", "handled_at", "notification_id"])
    return 1
