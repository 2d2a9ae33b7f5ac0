"""Building TwiML answers with the twilio package: speech in en-CA / fr-CA, keypad input only."""

from collections.abc import Iterable

from django.conf import settings
from twilio.twiml.voice_response import Gather, VoiceResponse

TWILIO_LANGUAGES = {"en": "en-CA", "fr": "fr-CA"}


def say(node: VoiceResponse | Gather, text: str, language: str) -> None:
    voice = settings.CONTACT_IVR_VOICES.get(language) or None
    node.say(text, language=TWILIO_LANGUAGES[language], voice=voice)


def gather(
    response: VoiceResponse,
    *,
    action: str,
    num_digits: int,
    speech: Iterable[tuple[str, str]],
) -> Gather:
    """A keypad prompt: the speech is inside the Gather, so a key interrupts it.

    On a timeout Twilio still calls `action` (actionOnEmptyResult), with no digits, so the flow
    decides what silence means. "#" ends an entry early; "*" arrives in the digits.
    """
    node = response.gather(
        input="dtmf",
        action=action,
        method="POST",
        num_digits=num_digits,
        timeout=settings.CONTACT_IVR_GATHER_TIMEOUT,
        finish_on_key="#",
        action_on_empty_result=True,
    )
    for text, language in speech:
        say(node, text, language)
    return node


def hand_over(response: VoiceResponse, *, language: str) -> None:
    """Put the call through to an agent: a number if one is set, else the language's queue."""
    if settings.CONTACT_IVR_AGENT_NUMBER:
        response.dial().number(settings.CONTACT_IVR_AGENT_NUMBER)
    else:
        response.enqueue(f"{settings.CONTACT_IVR_AGENT_QUEUE_PREFIX}-{language}")
