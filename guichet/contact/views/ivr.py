"""Twilio Voice webhooks of the phone line (outside the /en/ and /fr/ prefixes, no CSRF:
Twilio signs its requests instead). Each answers TwiML; the dialogue is in contact.ivr.flow."""

import functools
import logging
import re
from collections.abc import Callable

from django.db import transaction
from django.http import HttpRequest, HttpResponse, HttpResponseBadRequest, HttpResponseForbidden
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST
from twilio.twiml.voice_response import VoiceResponse

from guichet.contact.ivr import flow
from guichet.contact.ivr.signature import request_replayed, signature_valid
from guichet.contact.models import IvrSession

logger = logging.getLogger("guichet.contact.ivr")

_CALL_SID = re.compile(r"CA[0-9a-fA-F]{32}")
_KEYS = re.compile(r"[0-9*#]*")
ENDED_STATUSES = frozenset({"completed", "busy", "failed", "no-answer", "canceled"})

Handler = Callable[[IvrSession, str], flow.Turn]


def _twiml(response: VoiceResponse) -> HttpResponse:
    return HttpResponse(str(response), content_type="text/xml; charset=utf-8")


def _checked(request: HttpRequest, *, repeat_ok: bool = False) -> tuple[str, str] | HttpResponse:
    """(CallSid, digits), or the refusal: a forged or replayed request (403) or a malformed
    one (400). `repeat_ok` for the two URLs Twilio may retry as they are (voice, status)."""
    if not signature_valid(request):
        logger.warning("ivr request refused: missing or wrong X-Twilio-Signature")
        return HttpResponseForbidden("Invalid signature.")
    # The two URLs that accept a repeat are not remembered: their digests would never be
    # looked at (a signature covers its URL, so it cannot be replayed to another), and that
    # is three statements fewer at every call's start.
    if not repeat_ok and request_replayed(request):
        logger.warning("ivr request refused: replayed signed request")
        return HttpResponseForbidden("Request already answered.")
    call_sid = request.POST.get("CallSid", "")
    if not _CALL_SID.fullmatch(call_sid):
        logger.warning("ivr request refused: malformed CallSid")
        return HttpResponseBadRequest("Malformed CallSid.")
    digits = request.POST.get("Digits", "")[:32]
    if not _KEYS.fullmatch(digits):
        digits = "*"  # anything but keypad keys is garbage, answered as a bad entry
    return call_sid, digits


def _answer(request: HttpRequest, handler: Handler | None) -> HttpResponse:
    checked = _checked(request, repeat_ok=handler is None)
    if isinstance(checked, HttpResponse):
        return checked
    call_sid, digits = checked
    session: IvrSession | None = None
    try:
        with transaction.atomic():
            session, created = flow.call_start(call_sid=call_sid)
            if created or handler is None:
                turn = flow.on_start(session, created)
            else:
                turn = handler(session, digits)
        flow.log_turn(session, turn.event)
        return _twiml(turn.response)
    except Exception:
        # Never leave a caller in silence; the traceback holds no digits (they are not in
        # the exception messages of the flow), and the session id says which call it was.
        logger.exception("ivr webhook failed (session=%s)", session.pk if session else "-")
        return _twiml(flow.technical_problem(session).response)


@csrf_exempt
@require_POST
def voice(request: HttpRequest) -> HttpResponse:
    """The entry point Twilio calls when the line rings: the bilingual active offer."""
    return _answer(request, None)


@csrf_exempt
@require_POST
def language(request: HttpRequest) -> HttpResponse:
    return _answer(request, flow.on_language)


@csrf_exempt
@require_POST
def number(request: HttpRequest) -> HttpResponse:
    return _answer(request, flow.on_number)


@csrf_exempt
@require_POST
def family_name(request: HttpRequest) -> HttpResponse:
    return _answer(request, flow.on_family_name)


@csrf_exempt
@require_POST
def birth_date(request: HttpRequest) -> HttpResponse:
    # The calling number is the throttle's source of the proof (contact.identity).
    caller = request.POST.get("From", "")[:32]
    return _answer(request, functools.partial(flow.on_birth_date, caller=caller))


@csrf_exempt
@require_POST
def menu(request: HttpRequest) -> HttpResponse:
    return _answer(request, flow.on_menu)


@csrf_exempt
@require_POST
def call_status(request: HttpRequest) -> HttpResponse:
    """Twilio's status callback: the call ended (a hang-up mid-flow, or after a transfer)."""
    checked = _checked(request, repeat_ok=True)  # ending a call twice changes nothing
    if isinstance(checked, HttpResponse):
        return checked
    call_sid, _digits = checked
    if request.POST.get("CallStatus", "") in ENDED_STATUSES:
        with transaction.atomic():
            session = IvrSession.objects.select_for_update().filter(call_sid=call_sid).first()
            if session is not None:
                flow.on_call_ended(session)
    return _twiml(VoiceResponse())
