"""A telephone in software: plays the phone line the way Twilio would, over any transport.

It posts what Twilio posts (CallSid, Digits, CallStatus…), signs each request with
X-Twilio-Signature when given the auth token, and reads the TwiML back: what would be said,
and where the next keys go. `manage.py ivr_call`, the tests and the benchmark all use it.
"""

import secrets
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass, field

from twilio.request_validator import RequestValidator

# (path, form fields, headers) -> (HTTP status, body)
Transport = Callable[[str, dict[str, str], dict[str, str]], tuple[int, str]]


@dataclass
class Prompt:
    """One TwiML answer, read as a caller hears it."""

    status: int
    said: list[tuple[str, str]] = field(default_factory=list)  # (text, "en-CA"/"fr-CA")
    action: str | None = None  # where the keys go; None when the call no longer listens
    num_digits: int = 0
    transfer: str | None = None  # the agent queue or number the call was put through to
    hung_up: bool = False
    body: str = ""

    @property
    def text(self) -> str:
        return " ".join(text for text, _language in self.said)

    @property
    def languages(self) -> set[str]:
        return {language for _text, language in self.said}


def prompt_parse(status: int, body: str) -> Prompt:
    prompt = Prompt(status=status, body=body)
    if status != 200:
        return prompt
    root = ET.fromstring(body)  # noqa: S314 - our own server's TwiML
    for verb in root:
        if verb.tag == "Say":
            prompt.said.append((verb.text or "", verb.get("language", "")))
        elif verb.tag == "Gather":
            prompt.said.extend((say.text or "", say.get("language", "")) for say in verb)
            prompt.action = verb.get("action")
            prompt.num_digits = int(verb.get("numDigits", "0"))
            break  # Twilio waits here for the keys
        elif verb.tag == "Enqueue":
            prompt.transfer = verb.text or ""
            break
        elif verb.tag == "Dial":
            prompt.transfer = "".join(verb.itertext())
            break
        elif verb.tag == "Hangup":
            prompt.hung_up = True
            break
    return prompt


class CallSimulator:
    """One call. `start()`, then `press("123456782")` (or `press("")` for silence)."""

    def __init__(
        self,
        transport: Transport,
        *,
        base_url: str = "http://localhost",
        auth_token: str = "",
        call_sid: str | None = None,
        prefix: str = "/ivr/",
        caller: str = "+15555550123",
    ) -> None:
        self.transport = transport
        self.base_url = base_url.rstrip("/")
        self.auth_token = auth_token
        self.call_sid = call_sid or "CA" + secrets.token_hex(16)
        self.prefix = prefix
        self.caller = caller  # what Twilio posts as From
        self.prompt: Prompt | None = None

    def _params(self, **extra: str) -> dict[str, str]:
        return {
            "CallSid": self.call_sid,
            "AccountSid": "AC" + "0" * 32,
            "From": self.caller,
            "To": "+18005550199",
            "Direction": "inbound",
            **extra,
        }

    def post(self, path: str, params: dict[str, str]) -> Prompt:
        headers = {}
        if self.auth_token:
            url = self.base_url + path
            headers["X-Twilio-Signature"] = RequestValidator(self.auth_token).compute_signature(
                url, params
            )
        status, body = self.transport(path, params, headers)
        self.prompt = prompt_parse(status, body)
        return self.prompt

    def start(self) -> Prompt:
        return self.post(self.prefix + "voice", self._params(CallStatus="ringing"))

    def press(self, digits: str) -> Prompt:
        """Key `digits` at the current prompt ("" is a timeout with no key pressed)."""
        if self.prompt is None or self.prompt.action is None:
            raise RuntimeError("The call is not waiting for keys.")
        return self.post(self.prompt.action, self._params(CallStatus="in-progress", Digits=digits))

    def hang_up(self) -> Prompt:
        return self.post(self.prefix + "status", self._params(CallStatus="completed"))
