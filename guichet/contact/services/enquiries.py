"""Web enquiries: a signed-in client asks about one of their own cases; an agent answers it
through the notifications outbox. Both are written to the interaction log."""

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from guichet.accounts.addresses import public_url
from guichet.accounts.models import CaseLink, ClientAccount
from guichet.cases.models import Case
from guichet.contact.business_days import business_days_add
from guichet.contact.models import (
    AnswerChannel,
    ContactChannel,
    ContactOutcome,
    ContactReason,
    Direction,
    Enquiry,
    EnquiryStatus,
    Interaction,
)
from guichet.contact.services.interactions import interaction_record
from guichet.core import clock
from guichet.core.audit import audit_record
from guichet.core.errors import Conflict, InvalidInput, NotFound
from guichet.notifications.services import notification_queue

QUESTION_MAX = 2000
ANSWER_MAX = 4000
ANSWER_PURPOSE = "enquiry_answer"


def _not_yours() -> NotFound:
    # The same answer whether the case does not exist or belongs to someone else.
    return NotFound(_("Choose one of the applications linked to your account."), field="case")


def enquiry_submit(
    *, account: ClientAccount, case_id: int | str, reason: str, question: str, language: str
) -> Enquiry:
    """A client's question about a case linked to their account; lands in the agents' queue
    with its due date (CONTACT_ENQUIRY_TARGET_BUSINESS_DAYS business days).

    A case not linked to the account is refused like an unknown one, and the attempt is
    audited (committed even though the request then fails).
    """
    try:
        case_id = int(case_id)
    except (TypeError, ValueError):
        raise _not_yours() from None
    if not CaseLink.objects.filter(account=account, case_id=case_id).exists():
        with transaction.atomic():
            audit_record(
                actor=account.user,
                action="search",
                target_type="case",
                target_id=case_id,
                detail="web enquiry refused: application not linked to the account",
            )
        raise _not_yours()
    with transaction.atomic():
        return _enquiry_create(
            account=account, case_id=case_id, reason=reason, question=question, language=language
        )


def _enquiry_create(
    *, account: ClientAccount, case_id: int, reason: str, question: str, language: str
) -> Enquiry:
    if reason not in ContactReason.values:
        raise InvalidInput(_("Choose what your question is about."), field="reason")
    text = question.strip()
    if not text:
        raise InvalidInput(_("Write your question."), field="question")
    if len(text) > QUESTION_MAX:
        raise InvalidInput(
            _("Your question is too long: at most %(max)s characters."),
            field="question",
            max=QUESTION_MAX,
        )
    case = Case.objects.get(pk=case_id)
    now = clock.now()
    enquiry = Enquiry.objects.create(
        client_id=case.client_id,
        case=case,
        author=account.user,
        language="fr" if language == "fr" else "en",
        reason=reason,
        question=text,
        submitted_at=now,
        due_at=business_days_add(now, settings.CONTACT_ENQUIRY_TARGET_BUSINESS_DAYS),
    )
    interaction_record(
        channel=ContactChannel.WEB_ENQUIRY,
        reason=reason,
        outcome=ContactOutcome.IN_PROGRESS,
        case=case,
        at=now,
        enquiry=enquiry,
    )
    audit_record(
        actor=account.user,
        action="create",
        target_type="enquiry",
        target_id=enquiry.pk,
        detail=f"web enquiry sent about case {case.pk}",
    )
    return enquiry


@transaction.atomic
def enquiry_answer(*, agent: User, enquiry_id: int, answer: str, channel: str) -> Enquiry:
    """Answer an open enquiry: the answer is kept behind the client's sign-in and a message
    telling them it is ready goes through the outbox, by e-mail or text message."""
    enquiry = (
        Enquiry.objects.select_for_update()
        .select_related("case__service")
        .filter(pk=enquiry_id)
        .first()
    )
    if enquiry is None:
        raise NotFound(_("This enquiry does not exist."), field="enquiry")
    if enquiry.status != EnquiryStatus.OPEN:
        raise Conflict(_("This enquiry has already been answered."), field="enquiry")
    text = answer.strip()
    if not text:
        raise InvalidInput(_("Write the answer."), field="answer")
    if len(text) > ANSWER_MAX:
        raise InvalidInput(
            _("The answer is too long: at most %(max)s characters."),
            field="answer",
            max=ANSWER_MAX,
        )
    if channel not in AnswerChannel.values:
        raise InvalidInput(_("Choose e-mail or text message."), field="answer_channel")
    account = (
        ClientAccount.objects.filter(user_id=enquiry.author_id).first()
        if enquiry.author_id is not None
        else None
    )
    recipient = ""
    if account is not None:
        recipient = account.email if channel == AnswerChannel.EMAIL else account.phone
    if not recipient:
        raise InvalidInput(
            _("The client's account has no mobile number: answer by e-mail."),
            field="answer_channel",
        )
    now = clock.now()
    enquiry.answer, enquiry.answer_channel = text, channel
    enquiry.answered_at, enquiry.answered_by = now, agent
    enquiry.status = EnquiryStatus.ANSWERED
    enquiry.save(update_fields=["answer", "answer_channel", "answered_at", "answered_by", "status"])
    Interaction.objects.filter(enquiry=enquiry, direction=Direction.INBOUND).update(
        outcome=ContactOutcome.RESOLVED, agent=agent
    )
    interaction_record(
        channel=ContactChannel.WEB_ENQUIRY,
        direction=Direction.OUTBOUND,
        reason=enquiry.reason,
        outcome=ContactOutcome.SENT,
        case=enquiry.case,
        agent=agent,
        summary=text,
        at=now,
        enquiry=enquiry,
    )
    notification_queue(
        purpose=ANSWER_PURPOSE,
        channel=channel,
        recipient=recipient,
        language=enquiry.language,
        context={
            "application_number": enquiry.case.application_number,
            "enquiry_url": public_url(
                "contact:enquiry", language=enquiry.language, enquiry_id=enquiry.pk
            ),
        },
        idempotency_key=f"enquiry-answer:{enquiry.pk}",
        case_id=enquiry.case_id,
        client_id=enquiry.client_id,
    )
    audit_record(
        actor=agent,
        action="change",
        target_type="enquiry",
        target_id=enquiry.pk,
        detail=f"web enquiry answered by {channel}",
    )
    return enquiry
