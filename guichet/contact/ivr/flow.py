"""The phone line's dialogue: one function per webhook, each given the locked call context.

Stages: language → number → family name → birth date → menu, or transferred (to an agent) /
ended. The proof is the web's (number, family name, date of birth): the family name is keyed as
the first 3 letters on the keypad (2 = ABC … 9 = WXYZ, contact.ivr.keypad). Every
answer is TwiML. A request that does not fit the stage the call is in (a replayed or forged
step) gets the prompt of the stage the call is really in: nothing is read to a caller who has
not been identified.

Keys: 0 reaches an agent and 9 repeats, at every prompt. Application numbers never start with
0 or 9 (the serial has no leading zero) and a year of birth neither, so a lone 0 or 9 followed
by a pause is never the start of an entry; no letter is on 0, and a family name of one letter
keyed 9 (W, X, Y, Z) is left to an agent. Identification gets CONTACT_IVR_MAX_TRIES tries in
all (number, name and date together), then the call goes to an agent; so do three silences in
a row.
"""

import datetime as dt
import logging
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass, field

from django.conf import settings
from django.urls import reverse
from twilio.twiml.voice_response import VoiceResponse

from guichet.cases.models import Case
from guichet.catalogue.models import StepState
from guichet.catalogue.selectors import catalogue_get
from guichet.contact.identity import CallerIdentity, caller_identify
from guichet.contact.ivr import prompts as p
from guichet.contact.ivr.keypad import NAME_LETTERS
from guichet.contact.ivr.twiml import gather, hand_over, say
from guichet.contact.models import (
    ContactChannel,
    ContactOutcome,
    ContactReason,
    Direction,
    IvrSession,
    IvrStage,
    TransferReason,
)
from guichet.contact.selectors.self_service import self_service_enabled
from guichet.contact.services.interactions import interaction_record
from guichet.contact.services.ivr_calls import (
    ivr_interaction_abandon,
    ivr_interaction_update,
    ivr_session_create,
    ivr_session_save,
)
from guichet.core import clock
from guichet.core.errors import GuichetError
from guichet.core.identifiers import application_number_parse
from guichet.notifications.services import notification_queue
from guichet.status.selectors import case_status_get
from guichet.status.types import CaseStatusView

logger = logging.getLogger("guichet.contact.ivr")

AGENT_KEY = "0"
REPEAT_KEY = "9"
MAX_SILENCES = 3
STATUS_SMS_PURPOSE = "status_by_phone"
_DATE = re.compile(r"\d{8}")
_NAME_KEYS = re.compile(rf"[2-9]{{1,{NAME_LETTERS}}}")


@dataclass
class Turn:
    """What one webhook answers: the TwiML and, for the log, what happened (no personal data)."""

    response: VoiceResponse = field(default_factory=VoiceResponse)
    event: str = ""


def languages() -> list[str]:
    order = [code for code in settings.CONTACT_IVR_LANGUAGE_ORDER if code in ("en", "fr")]
    return order or ["en", "fr"]


def _language(session: IvrSession) -> str:
    return session.language or languages()[0]


def _url(name: str) -> str:
    """Where the next keys go, with a one-time `t` so that every genuine request has its own
    signature and a replayed one is recognised (contact.ivr.signature)."""
    return f"{reverse(f'contact-ivr:{name}')}?t={secrets.token_urlsafe(12)}"


def log_turn(session: IvrSession, event: str) -> None:
    # The session's internal id only: no digits, dates or phone numbers ever reach the logs.
    logger.info("ivr session=%s stage=%s %s", session.pk, session.stage, event)


def _save(session: IvrSession, *fields: str) -> None:
    ivr_session_save(session, *fields, now=clock.now())


# --- Starting and ending -------------------------------------------------------------------


def call_start(*, call_sid: str) -> tuple[IvrSession, bool]:
    """The call context for this CallSid, created with its interaction on the first webhook."""
    session = IvrSession.objects.select_for_update().filter(call_sid=call_sid).first()
    if session is not None:
        return session, False
    now = clock.now()
    session = ivr_session_create(call_sid=call_sid, now=now)
    interaction_record(
        channel=ContactChannel.IVR,
        reason=ContactReason.STATUS,
        outcome=ContactOutcome.IN_PROGRESS,
        at=now,
        ivr_session=session,
    )
    return session, True


def on_start(session: IvrSession, created: bool) -> Turn:
    if not created:  # Twilio retried the first request, or the caller was sent back here
        if session.stage == IvrStage.MENU:
            # The voice URL may be repeated by anyone holding one signed request: the menu,
            # never the status.
            return _menu(session, [], event="restart")
        return prompt_current(session, event="restart")
    return _offer(session, event="call started")


def on_call_ended(session: IvrSession) -> None:
    """The caller hung up, or the call ended after a transfer (Twilio's status callback)."""
    if session.ended_at is not None:
        return
    session.ended_at = clock.now()
    session.number_keyed = ""  # the keys of an identification never finished are not kept
    session.name_keyed = ""
    fields = ["ended_at", "number_keyed", "name_keyed"]
    if session.stage != IvrStage.TRANSFERRED:
        session.stage = IvrStage.ENDED
        fields.append("stage")
    _save(session, *fields)
    ivr_interaction_abandon(session=session)
    log_turn(session, "call ended")


# --- Language ------------------------------------------------------------------------------


def _offer(session: IvrSession, *, event: str) -> Turn:
    turn = Turn(event=event)
    order = languages()
    speech = [
        (p.say(p.OFFER[code], code, key=str(position)), code)
        for position, code in enumerate(order, start=1)
    ]
    gather(turn.response, action=_url("language"), num_digits=1, speech=speech)
    return turn


def on_language(session: IvrSession, digits: str) -> Turn:
    if session.stage != IvrStage.LANGUAGE:
        return prompt_current(session, event="out of stage")
    order = languages()
    if digits == AGENT_KEY:
        return _transfer(session, TransferReason.CALLER_ASKED)
    if digits == "":
        return _silence(session, lambda: _offer(session, event="no input"))
    if digits.isdigit() and 1 <= int(digits) <= len(order):
        session.language = order[int(digits) - 1]
        session.stage = IvrStage.NUMBER
        session.silences = 0
        _save(session, "language", "stage", "silences")
        return _ask_number(session, [p.WELCOME], event=f"language {session.language}")
    return _offer(session, event="repeat" if digits == REPEAT_KEY else "not a choice")


# --- Identification ------------------------------------------------------------------------


def _ask_number(session: IvrSession, before: list[object], *, event: str) -> Turn:
    turn = Turn(event=event)
    language = _language(session)
    speech = [(p.say(message, language), language) for message in [*before, p.ASK_NUMBER]]
    gather(turn.response, action=_url("number"), num_digits=9, speech=speech)
    return turn


def _ask_family_name(session: IvrSession, before: list[object], *, event: str) -> Turn:
    turn = Turn(event=event)
    language = _language(session)
    speech = [(p.say(message, language), language) for message in [*before, p.ASK_FAMILY_NAME]]
    gather(turn.response, action=_url("family-name"), num_digits=NAME_LETTERS, speech=speech)
    return turn


def _ask_birth_date(session: IvrSession, before: list[object], *, event: str) -> Turn:
    turn = Turn(event=event)
    language = _language(session)
    speech = [(p.say(message, language), language) for message in [*before, p.ASK_BIRTH_DATE]]
    gather(turn.response, action=_url("birth-date"), num_digits=8, speech=speech)
    return turn


def _failed(session: IvrSession, message: object, *, ask_again: str, event: str) -> Turn:
    """A failed try: say why, then ask again, or hand over once the tries are used up."""
    session.tries += 1
    if session.tries >= settings.CONTACT_IVR_MAX_TRIES:
        _save(session, "tries")
        log_turn(session, f"{event}; tries used up")
        return _transfer(session, TransferReason.TRIES_EXHAUSTED, before=[message])
    if ask_again == "number":
        session.stage = IvrStage.NUMBER
        session.number_keyed = ""
        session.name_keyed = ""
        _save(session, "tries", "stage", "number_keyed", "name_keyed")
        return _ask_number(session, [message, p.TRY_AGAIN], event=event)
    if ask_again == "name":
        _save(session, "tries")
        return _ask_family_name(session, [message, p.TRY_AGAIN], event=event)
    _save(session, "tries")
    return _ask_birth_date(session, [message, p.TRY_AGAIN], event=event)


def _silence(session: IvrSession, again: Callable[[], Turn]) -> Turn:
    session.silences += 1
    _save(session, "silences")
    if session.silences >= MAX_SILENCES:
        return _transfer(session, TransferReason.NO_INPUT)
    return again()


def _keys_common(
    session: IvrSession,
    digits: str,
    ask: Callable[..., Turn],  # _ask_number, _ask_family_name or _ask_birth_date
    ask_again: str,
    event_prefix: str,
) -> Turn | None:
    """What every keyed answer shares: 0 for an agent, silence, 9 to repeat, * to start the
    answer again; None when the digits are the answer itself, to be checked by the caller."""
    if digits == AGENT_KEY:
        return _transfer(session, TransferReason.CALLER_ASKED)
    if digits == "":
        return _silence(session, lambda: ask(session, [p.NO_INPUT], event="no input"))
    if session.silences:
        session.silences = 0
        _save(session, "silences")
    if digits == REPEAT_KEY:
        return ask(session, [], event="repeat")
    if "*" in digits:
        return _failed(session, p.STAR_PRESSED, ask_again=ask_again, event=f"{event_prefix}: star")
    return None


def on_number(session: IvrSession, digits: str) -> Turn:
    if session.stage != IvrStage.NUMBER:
        return prompt_current(session, event="out of stage")
    common = _keys_common(session, digits, _ask_number, "number", "number")
    if common is not None:
        return common
    if not re.fullmatch(r"\d{9}", digits):
        return _failed(session, p.NUMBER_INCOMPLETE, ask_again="number", event="number: short")
    try:
        application_number_parse(digits)
    except GuichetError:
        # The check digit caught a typing error: no look-up is made.
        return _failed(session, p.NUMBER_INVALID, ask_again="number", event="number: check digit")
    session.number_keyed = digits
    session.stage = IvrStage.FAMILY_NAME
    _save(session, "number_keyed", "stage")
    return _ask_family_name(session, [], event="number keyed")


def on_family_name(session: IvrSession, digits: str) -> Turn:
    """The keys of the family name's first letters; checked with the date (never alone, so
    the line does not tell which of the two was wrong)."""
    if session.stage != IvrStage.FAMILY_NAME or not session.number_keyed:
        return prompt_current(session, event="out of stage")
    common = _keys_common(session, digits, _ask_family_name, "name", "name")
    if common is not None:
        return common
    if not _NAME_KEYS.fullmatch(digits):
        return _failed(session, p.NAME_INVALID, ask_again="name", event="name: not letters")
    session.name_keyed = digits
    session.stage = IvrStage.BIRTH_DATE
    _save(session, "name_keyed", "stage")
    return _ask_birth_date(session, [], event="name keyed")


def _birth_date(digits: str) -> dt.date | None:
    if not _DATE.fullmatch(digits):
        return None
    try:
        born = dt.date(int(digits[:4]), int(digits[4:6]), int(digits[6:]))
    except ValueError:
        return None
    return born if dt.date(1900, 1, 1) <= born <= clock.today() else None


def on_birth_date(session: IvrSession, digits: str, *, caller: str = "") -> Turn:
    """`caller` is Twilio's From (the calling number): the throttle's source, never stored."""
    if session.stage != IvrStage.BIRTH_DATE or not session.number_keyed or not session.name_keyed:
        return prompt_current(session, event="out of stage")
    common = _keys_common(session, digits, _ask_birth_date, "date", "date")
    if common is not None:
        return common
    born = _birth_date(digits)
    if born is None:
        return _failed(session, p.DATE_INVALID, ask_again="date", event="date: invalid")
    identity = caller_identify(
        number=application_number_parse(session.number_keyed),
        family_name_keys=session.name_keyed,
        date_of_birth=born,
        caller=caller,
    )
    if identity.locked:
        session.number_keyed = ""
        session.name_keyed = ""
        _save(session, "number_keyed", "name_keyed")
        return _transfer(session, TransferReason.LOCKED)
    if identity.case_id is None:
        return _failed(session, p.NO_MATCH, ask_again="number", event="no match")
    return _identified(session, identity)


def _identified(session: IvrSession, identity: CallerIdentity) -> Turn:
    """Keep the verified case in the call context, then read the status, unless self-service
    is off for the service, in which case the identified caller goes to an agent."""
    assert identity.case_id is not None and identity.service_id is not None
    service = catalogue_get().services[identity.service_id]
    enabled = self_service_enabled(service_id=service.pk, service_code=service.code)
    now = clock.now()
    session.case_id = identity.case_id
    session.verified_at = now
    session.number_keyed = ""
    session.name_keyed = ""
    session.stage = IvrStage.MENU
    fields = ["case", "verified_at", "number_keyed", "name_keyed", "stage"]
    if enabled:
        session.status_heard_at = now
        fields.append("status_heard_at")
    _save(session, *fields)
    ivr_interaction_update(
        session=session,
        case_id=identity.case_id,
        client_id=identity.client_id,
        outcome=ContactOutcome.SELF_SERVED if enabled else ContactOutcome.IN_PROGRESS,
    )
    if not enabled:
        return _transfer(session, TransferReason.SELF_SERVICE_OFF)
    return _status(session, event="identified")


# --- The status and its menu ---------------------------------------------------------------


def status_sentences(status: CaseStatusView) -> list[str]:
    """What the line reads: the service, the current step's sentence exactly as the status
    page shows it (or the decision), the date of the last change, and the estimate if any."""
    language = status.language
    sentences = [p.say(p.STATUS_INTRO, language, service=status.service_name)]
    current = status.current_step
    if status.decision is not None:
        decided = [entry for entry in status.history if entry.kind == "decided"]
        if decided:
            sentences.append(decided[-1].message)
    elif current is not None:
        sentences.append(p.say(p.CURRENT_STEP, language, step=current.name))
        sentences.append(current.message)
    sentences.append(
        p.say(p.LAST_CHANGE, language, date=p.spoken_date(status.last_changed_at, language))
    )
    # An open-ended estimate is no date: the phone line says nothing rather than a false one.
    if status.estimate is not None and not status.estimate.open_ended:
        sentences.append(
            p.say(p.ESTIMATE, language, date=p.spoken_date(status.estimate.most_by, language))
        )
    return sentences


def history_sentences(status: CaseStatusView) -> list[str]:
    language = status.language
    sentences = [p.say(p.HISTORY_INTRO, language)]
    for entry in reversed(status.history):
        date = p.spoken_date(entry.at, language)
        if entry.step_name and entry.state:
            state = p.say(StepState(entry.state).label, language)
            sentences.append(
                p.say(
                    p.HISTORY_STEP,
                    language,
                    date=date,
                    step=entry.step_name,
                    state=state.lower() if language == "fr" else state,
                )
            )
        else:
            sentences.append(p.say(p.HISTORY_OTHER, language, date=date, message=entry.message))
    return sentences


def _menu(session: IvrSession, sentences: list[str], *, event: str) -> Turn:
    turn = Turn(event=event)
    language = _language(session)
    speech = [(text, language) for text in [*sentences, p.say(p.MENU, language)]]
    gather(turn.response, action=_url("menu"), num_digits=1, speech=speech)
    return turn


def _status(session: IvrSession, *, event: str) -> Turn:
    assert session.case_id is not None
    status = case_status_get(case_id=session.case_id, language=_language(session))
    if session.status_heard_at is None:
        session.status_heard_at = clock.now()
        _save(session, "status_heard_at")
        ivr_interaction_update(session=session, outcome=ContactOutcome.SELF_SERVED)
    return _menu(session, status_sentences(status), event=event)


def on_menu(session: IvrSession, digits: str) -> Turn:
    if session.stage != IvrStage.MENU or not session.verified:
        return prompt_current(session, event="out of stage")
    if digits == AGENT_KEY:
        return _transfer(session, TransferReason.CALLER_ASKED)
    if digits == "":
        session.silences += 1
        _save(session, "silences")
        if session.silences >= MAX_SILENCES:
            return _goodbye(session)
        return _menu(session, [p.say(p.NO_INPUT, _language(session))], event="no input")
    if session.silences:
        session.silences = 0
        _save(session, "silences")
    if digits in ("1", REPEAT_KEY):
        return _status(session, event="repeat")
    if digits == "2":
        assert session.case_id is not None
        status = case_status_get(case_id=session.case_id, language=_language(session))
        if not session.history_heard:
            session.history_heard = True
            _save(session, "history_heard")
        return _menu(session, history_sentences(status), event="history")
    if digits == "3":
        return _menu(session, [p.say(_status_sms(session), _language(session))], event="sms")
    return _menu(session, [p.say(p.NOT_A_CHOICE, _language(session))], event="not a choice")


def _status_sms(session: IvrSession) -> object:
    """Queue the status by text message to the number on file, once a call. Returns what to
    say. The number is the client's on file, never the number calling."""
    if session.sms_sent_at is not None:
        return p.SMS_ALREADY_SENT
    assert session.case_id is not None
    case = Case.objects.select_related("client").filter(pk=session.case_id).first()
    if case is None or not case.client.phone:
        return p.SMS_NO_PHONE
    client = case.client
    language = _language(session)
    status = case_status_get(case_id=session.case_id, language=language)
    current = status.current_step
    if status.decision is not None:
        sentence = next((e.message for e in reversed(status.history) if e.kind == "decided"), "")
    else:
        sentence = current.message if current is not None else ""
    changed_on = p.spoken_date(status.last_changed_at, language)
    notification_queue(
        purpose=STATUS_SMS_PURPOSE,
        channel="sms",
        recipient=client.phone,
        language=language,
        context={
            "application_number": status.application_number,
            "service_name": status.service_name,
            "status": sentence or p.say(p.LAST_CHANGE, language, date=changed_on),
            "date": changed_on,
        },
        idempotency_key=f"ivr-status-sms:{session.call_sid}",
        case_id=session.case_id,
        client_id=client.pk,
    )
    session.sms_sent_at = clock.now()
    _save(session, "sms_sent_at")
    interaction_record(
        channel=ContactChannel.SMS,
        direction=Direction.OUTBOUND,
        reason=ContactReason.STATUS,
        outcome=ContactOutcome.SENT,
        case=case,
    )
    return p.SMS_SENT


def _goodbye(session: IvrSession) -> Turn:
    turn = Turn(event="goodbye")
    say(turn.response, p.say(p.GOODBYE, _language(session)), _language(session))
    turn.response.hangup()
    session.stage = IvrStage.ENDED
    session.ended_at = clock.now()
    _save(session, "stage", "ended_at")
    return turn


# --- Hand-over to an agent -----------------------------------------------------------------

_TRANSFER_MESSAGES: dict[str, object] = {
    TransferReason.TRIES_EXHAUSTED: p.TOO_MANY_TRIES,
    TransferReason.LOCKED: p.LOCKED,
    TransferReason.SELF_SERVICE_OFF: p.SELF_SERVICE_OFF,
}


def _transfer(session: IvrSession, reason: str, *, before: list[object] | None = None) -> Turn:
    """Hand the call to an agent. The call context keeps the verified case, if any, so the
    agent desktop shows it and the agent does not ask again."""
    language = _language(session)
    turn = Turn(event=f"handed over: {reason}")
    message: object = _TRANSFER_MESSAGES.get(reason) or (
        p.HOLD_VERIFIED if session.verified else p.HOLD
    )
    if reason == TransferReason.TRIES_EXHAUSTED:
        before = [m for m in before or [] if m is not p.NO_MATCH]
    for text in [*(before or []), message]:
        say(turn.response, p.say(text, language), language)
    hand_over(turn.response, language=language)
    if session.stage != IvrStage.TRANSFERRED:
        session.stage = IvrStage.TRANSFERRED
        session.transferred_at = clock.now()
        session.transfer_reason = reason
        session.number_keyed = ""
        session.name_keyed = ""
        _save(session, "stage", "transferred_at", "transfer_reason", "number_keyed", "name_keyed")
        ivr_interaction_update(session=session, outcome=ContactOutcome.TRANSFERRED)
    return turn


def prompt_current(session: IvrSession, *, event: str) -> Turn:
    """The prompt of the stage the call is in (for retries and out-of-order requests)."""
    if session.stage == IvrStage.LANGUAGE:
        return _offer(session, event=event)
    if session.stage == IvrStage.NUMBER or (
        session.stage in (IvrStage.FAMILY_NAME, IvrStage.BIRTH_DATE) and not session.number_keyed
    ):
        return _ask_number(session, [], event=event)
    if session.stage == IvrStage.FAMILY_NAME or (
        session.stage == IvrStage.BIRTH_DATE and not session.name_keyed
    ):
        return _ask_family_name(session, [], event=event)
    if session.stage == IvrStage.BIRTH_DATE:
        return _ask_birth_date(session, [], event=event)
    if session.stage == IvrStage.MENU and session.verified:
        return _status(session, event=event)
    if session.stage == IvrStage.TRANSFERRED:
        turn = Turn(event=event)
        language = _language(session)
        say(turn.response, p.say(p.HOLD, language), language)
        hand_over(turn.response, language=language)
        return turn
    turn = Turn(event=event)
    turn.response.hangup()
    return turn


def technical_problem(session: IvrSession | None) -> Turn:
    """Something failed: apologise and put the caller through to a person."""
    language = _language(session) if session is not None else languages()[0]
    turn = Turn(event="technical problem")
    say(turn.response, p.say(p.TECHNICAL_PROBLEM, language), language)
    hand_over(turn.response, language=language)
    return turn
