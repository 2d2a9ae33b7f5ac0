"""Writes of the feedback module: publishing a survey, inviting a client after a decision,
saving their answers, opting out, the single reminder, and page feedback.

An invitation is made inside the decision's transaction (receivers.py) and its message is
queued in the same transaction through the notifications outbox, so a decision that rolls back
invites nobody, and one that commits invites its client exactly once: one invitation per case
(a unique column) and one message per invitation (idempotency key `feedback-invitation:<id>`).
"""

import datetime as dt
import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.core import signing
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from guichet.accounts.addresses import public_url
from guichet.cases.models import Case, Decision
from guichet.core import clock
from guichet.core.errors import Conflict, InvalidInput, NotFound
from guichet.feedback.models import (
    ChangeStatus,
    Invitation,
    InvitationKind,
    OptOut,
    PageFeedback,
    ProgramChange,
    Response,
    Survey,
)
from guichet.feedback.surveys import (
    COMMENT_MAX,
    DEPARTMENT_SURVEY,
    NOT_APPLICABLE,
    SCALE_POINTS,
    definition_check,
    definition_hash,
    definition_load,
)
from guichet.notifications.services import notification_queue

SALT = "guichet.feedback.invitation"
PURPOSE_INVITATION = "feedback_invitation"
PURPOSE_REMINDER = "feedback_reminder"


@transaction.atomic
def survey_publish(*, definition: dict[str, Any], now: dt.datetime | None = None) -> Survey:
    """Publish `definition` as the next version of its survey, or return the version that
    already has exactly this content (publishing twice changes nothing)."""
    definition_check(definition)
    code = definition["code"]
    content_hash = definition_hash(definition)
    existing = Survey.objects.filter(code=code, content_hash=content_hash).first()
    if existing is not None:
        return existing
    latest = (
        Survey.objects.select_for_update()
        .filter(code=code)
        .order_by("-version")
        .values_list("version", flat=True)
        .first()
    )
    return Survey.objects.create(
        code=code,
        version=(latest or 0) + 1,
        definition=definition,
        content_hash=content_hash,
        published_at=now or clock.now(),
    )


def survey_current(code: str = DEPARTMENT_SURVEY) -> Survey:
    """The latest version of `code`, publishing the shipped file first if it is new."""
    return survey_publish(definition=definition_load(code))


def sampling_rate(service_code: str) -> float:
    rates: dict[str, float] = settings.FEEDBACK_SAMPLING_RATES
    return float(rates.get(service_code, rates.get("default", 0.0)))


def case_sampled(case_id: int, rate: float) -> bool:
    """Whether a case falls in a sample of share `rate`: a hash of its id, so the answer
    never changes and does not depend on the order in which decisions arrive."""
    if rate <= 0:
        return False
    digest = hashlib.sha256(f"feedback-sample:{case_id}".encode()).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < rate


def invitation_token(invitation: Invitation) -> str:
    return signing.dumps({"i": invitation.pk, "n": invitation.nonce}, salt=SALT, compress=False)


def invitation_url(invitation: Invitation) -> str:
    return public_url(
        "feedback:survey", language=invitation.language, token=invitation_token(invitation)
    )


def invitation_for_decision(*, case_id: int, now: dt.datetime | None = None) -> Invitation | None:
    """Inside the decision's transaction: invite the client if the case is in the sample, the
    client has a way to be reached and has not opted out. At most once per case."""
    case = Case.objects.select_related("client", "service").get(pk=case_id)
    if case.decision == Decision.WITHDRAWN or case.decided_at is None:
        return None  # a withdrawn application is not a service received
    rate = sampling_rate(case.service.code)
    if not case_sampled(case.pk, rate):
        return None
    client = case.client
    if OptOut.objects.filter(client=client).exists():
        return None
    if Invitation.objects.filter(case=case).exists():
        return None
    channel, recipient = ("email", client.email) if client.email else ("sms", client.phone)
    if not recipient:
        return None
    now = now or clock.now()
    invitation = Invitation.objects.create(
        survey=survey_current(),
        kind=InvitationKind.DECISION,
        case=case,
        client=client,
        nonce=secrets.token_hex(16),
        message_channel=channel,
        language=client.preferred_language if client.preferred_language in ("en", "fr") else "en",
        service_code=case.service.code,
        case_channel=case.channel,
        province=client.province,
        decision_year=timezone.localtime(case.decided_at).year,
        sampling_rate=rate,
        created_at=now,
        expires_at=now + dt.timedelta(days=settings.FEEDBACK_LINK_DAYS),
    )
    _message(invitation, PURPOSE_INVITATION, recipient)
    return invitation


def _message(invitation: Invitation, purpose: str, recipient: str) -> None:
    # The message carries the link and nothing about the person or the case.
    notification_queue(
        purpose=purpose,
        channel=invitation.message_channel,
        recipient=recipient,
        language=invitation.language,
        context={"url": invitation_url(invitation)},
        idempotency_key=f"{purpose.replace('_', '-')}:{invitation.pk}",
        case_id=invitation.case_id,
        client_id=invitation.client_id,
    )


def invitation_reminders_send(*, now: dt.datetime | None = None) -> int:
    """The single reminder: to every invitation older than FEEDBACK_REMINDER_DAYS, not yet
    answered, reminded nor expired, whose client has not opted out. Returns how many went."""
    now = now or clock.now()
    due = Invitation.objects.filter(
        kind=InvitationKind.DECISION,
        created_at__lte=now - dt.timedelta(days=settings.FEEDBACK_REMINDER_DAYS),
        expires_at__gt=now,
        reminded_at__isnull=True,
        answered_at__isnull=True,
    ).values_list("pk", flat=True)
    sent = 0
    for pk in list(due):
        with transaction.atomic():
            invitation = (
                Invitation.objects.select_for_update(of=("self",))
                .select_related("client")
                .get(pk=pk)
            )
            if invitation.reminded_at is not None or invitation.answered_at is not None:
                continue
            client = invitation.client
            if client is None or OptOut.objects.filter(client=client).exists():
                continue
            recipient = client.email if invitation.message_channel == "email" else client.phone
            if not recipient:
                continue
            invitation.reminded_at = now
            invitation.save(update_fields=["reminded_at"])
            _message(invitation, PURPOSE_REMINDER, recipient)
            sent += 1
    return sent


def invitation_from_token(token: str, *, now: dt.datetime | None = None) -> Invitation:
    """The invitation a link stands for. Raises NotFound for a forged or altered link,
    Conflict for one already answered or expired (the page says which)."""
    try:
        data = signing.loads(token, salt=SALT)
        invitation = Invitation.objects.select_related("survey").get(
            pk=int(data["i"]), nonce=str(data["n"])
        )
    except (signing.BadSignature, KeyError, TypeError, ValueError, Invitation.DoesNotExist):
        raise NotFound(_("This survey link is not valid."), field="token") from None
    if invitation.answered_at is not None:
        raise Conflict(_("This survey has already been answered."), field="token", state="used")
    if invitation.expires_at <= (now or clock.now()):
        raise Conflict(_("This survey link has expired."), field="token", state="expired")
    return invitation


def _clean_answers(survey: Survey, raw: dict[str, str]) -> tuple[dict[str, Any], str, dict]:
    """The valid answers among `raw`, the comment, and the errors by question code."""
    answers: dict[str, Any] = {}
    errors: dict[str, InvalidInput] = {}
    comment = ""
    for question in survey.questions():
        code = question["code"]
        value = (raw.get(code) or "").strip()
        if question["kind"] == "text":
            if len(value) > COMMENT_MAX:
                errors[code] = InvalidInput(
                    _("Your comment is too long: write at most %(limit)s characters."),
                    field=code,
                    limit=COMMENT_MAX,
                )
            else:
                comment = value
            continue
        if not value:
            continue
        if question["kind"] == "scale":
            allowed = {str(n) for n in range(1, SCALE_POINTS + 1)} | {NOT_APPLICABLE}
            if value not in allowed:
                errors[code] = InvalidInput(_("Choose one of the answers given."), field=code)
            else:
                answers[code] = value if value == NOT_APPLICABLE else int(value)
        else:
            if value not in {o["value"] for o in question["options"]}:
                errors[code] = InvalidInput(_("Choose one of the answers given."), field=code)
            else:
                answers[code] = value
    return answers, comment, errors


@transaction.atomic
def response_save(
    *, token: str, raw: dict[str, str], submit: bool, now: dt.datetime | None = None
) -> tuple[Response, dict[str, InvalidInput]]:
    """Keep the valid answers given so far; with `submit`, also check that every required
    question is answered and, if so, count the response (the link is then used up).

    Returns the response and the errors by question code (empty when all is well): what was
    valid is saved even when something else is missing or wrong, so nothing is typed twice.
    """
    now = now or clock.now()
    invitation = invitation_from_token(token, now=now)
    invitation = (
        Invitation.objects.select_for_update().select_related("survey").get(pk=invitation.pk)
    )
    if invitation.answered_at is not None:  # answered meanwhile, by another request
        raise Conflict(_("This survey has already been answered."), field="token", state="used")
    survey = invitation.survey
    answers, comment, errors = _clean_answers(survey, raw)
    response, _created = Response.objects.get_or_create(
        invitation=invitation, defaults={"survey": survey, "started_at": now}
    )
    response.answers = {**response.answers, **answers}
    if "comment" not in errors and "comment" in raw:
        response.comment = comment
    if submit:
        for question in survey.questions():
            if question.get("required") and question["code"] not in response.answers:
                errors.setdefault(
                    question["code"],
                    InvalidInput(
                        _("Answer this question to send the survey."), field=question["code"]
                    ),
                )
        if not errors:
            response.submitted = True
            response.submitted_at = now
            invitation.answered_at = now
            invitation.save(update_fields=["answered_at"])
    response.save()
    return response, errors


@transaction.atomic
def survey_opt_out(*, token: str, now: dt.datetime | None = None) -> None:
    """The client of this link is not surveyed again (no reminder either)."""
    now = now or clock.now()
    try:
        invitation = invitation_from_token(token, now=now)
    except Conflict:
        data = signing.loads(token, salt=SALT)
        invitation = Invitation.objects.get(pk=int(data["i"]), nonce=str(data["n"]))
    if invitation.client_id is not None:
        OptOut.objects.get_or_create(client_id=invitation.client_id, defaults={"created_at": now})


def page_feedback_record(
    *, path: str, language: str, helpful: str, comment: str = "", now: dt.datetime | None = None
) -> PageFeedback:
    """Record 'Did you find what you were looking for?' for a public page."""
    if helpful not in ("yes", "no"):
        raise InvalidInput(_("Choose yes or no."), field="helpful")
    comment = comment.strip()
    if len(comment) > COMMENT_MAX:
        raise InvalidInput(
            _("Your comment is too long: write at most %(limit)s characters."),
            field="comment",
            limit=COMMENT_MAX,
        )
    if not path.startswith("/") or len(path) > 200 or "?" in path:
        raise InvalidInput(_("This page cannot receive feedback."), field="path")
    return PageFeedback.objects.create(
        path=path,
        language=language if language in ("en", "fr") else "en",
        helpful=helpful == "yes",
        comment=comment,
        created_at=now or clock.now(),
    )


@transaction.atomic
def program_change_open(
    *,
    owner: str,
    measure: str,
    service_code: str,
    heard_en: str,
    heard_fr: str,
    changed_en: str,
    changed_fr: str,
    evidence: dict[str, Any],
    publish: bool,
    now: dt.datetime | None = None,
) -> ProgramChange:
    """Record a program change opened from an area of low satisfaction (both languages)."""
    known = {q["code"] for q in survey_current().questions() if q["kind"] == "scale"}
    if measure not in known:
        raise InvalidInput(_("Choose a question of the survey."), field="measure")
    texts = {
        "owner": owner,
        "heard_en": heard_en,
        "heard_fr": heard_fr,
        "changed_en": changed_en,
        "changed_fr": changed_fr,
    }
    for name, value in texts.items():
        if not value.strip():
            raise InvalidInput(_("This field is required."), field=name)
        if len(value) > COMMENT_MAX:
            raise InvalidInput(
                _("This text is too long: write at most %(limit)s characters."),
                field=name,
                limit=COMMENT_MAX,
            )
    return ProgramChange.objects.create(
        owner=owner.strip(),
        measure=measure,
        service_code=service_code.strip(),
        heard_en=heard_en.strip(),
        heard_fr=heard_fr.strip(),
        changed_en=changed_en.strip(),
        changed_fr=changed_fr.strip(),
        evidence=evidence,
        published=publish,
        opened_at=now or clock.now(),
    )


@transaction.atomic
def program_change_ship(*, change_id: int, shipped_on: dt.date) -> ProgramChange:
    """The change is in place from `shipped_on`: from then on, before and after are compared."""
    change = ProgramChange.objects.select_for_update().filter(pk=change_id).first()
    if change is None:
        raise NotFound(_("This program change does not exist."), field="change")
    if shipped_on > clock.today():
        raise InvalidInput(_("The date cannot be in the future."), field="shipped_on")
    change.status = ChangeStatus.SHIPPED
    change.shipped_on = shipped_on
    change.save(update_fields=["status", "shipped_on"])
    return change
