"""Play the phone line in a terminal: what would be said is printed, keys are typed.

    manage.py ivr_call                       # talks to this Django in-process
    manage.py ivr_call --url http://127.0.0.1:8000   # or to a running server
    manage.py ivr_call --keys 2,123456782,873,19850314,1  # scripted keys; "" is a silence

Requests are signed with TWILIO_AUTH_TOKEN when it is set, exactly as Twilio signs them.
"""

import sys
import urllib.error
import urllib.parse
import urllib.request
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.test import Client as HttpClient

from guichet.contact.ivr.simulator import CallSimulator, Prompt, Transport


def local_transport() -> Transport:
    http = HttpClient(raise_request_exception=False)

    def transport(path: str, params: dict[str, str], headers: dict[str, str]) -> tuple[int, str]:
        extra: dict[str, Any] = {
            f"HTTP_{k.upper().replace('-', '_')}": v for k, v in headers.items()
        }
        response = http.post(path, params, HTTP_HOST="localhost", **extra)
        return response.status_code, response.content.decode()

    return transport


def http_transport(base_url: str) -> Transport:
    def transport(path: str, params: dict[str, str], headers: dict[str, str]) -> tuple[int, str]:
        request = urllib.request.Request(  # noqa: S310 - the URL is the operator's own
            base_url + path,
            data=urllib.parse.urlencode(params).encode(),
            headers={"Content-Type": "application/x-www-form-urlencoded", **headers},
            method="POST",
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:  # noqa: S310
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()

    return transport


class Command(BaseCommand):
    help = "Call the automated phone line from the terminal (keys from the keyboard)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--url", default="", help="A running server (default: in-process).")
        parser.add_argument(
            "--keys",
            default=None,
            help="Comma-separated keys to press in turn, instead of the keyboard ('' = silence).",
        )

    def handle(self, *args: Any, url: str, keys: str | None, **options: Any) -> None:
        base = url.rstrip("/") or settings.TWILIO_WEBHOOK_BASE_URL.rstrip("/") or "http://localhost"
        transport = http_transport(url.rstrip("/")) if url else local_transport()
        call = CallSimulator(transport, base_url=base, auth_token=settings.TWILIO_AUTH_TOKEN)
        scripted = keys.split(",") if keys is not None else None
        self.stdout.write(self.style.NOTICE(f"Calling the phone line (call {call.call_sid})."))
        prompt = call.start()
        while True:
            self._show(prompt)
            if prompt.status != 200:
                raise CommandError(f"The line answered HTTP {prompt.status}.")
            if prompt.transfer is not None:
                self.stdout.write(
                    self.style.SUCCESS(
                        f"→ Put through to an agent ({prompt.transfer}). The agent desktop shows "
                        "this call, with the application if you were identified."
                    )
                )
                return
            if prompt.hung_up or prompt.action is None:
                call.hang_up()
                self.stdout.write(self.style.NOTICE("→ The line hung up."))
                return
            entry = self._keys(prompt, scripted)
            if entry is None:
                call.hang_up()
                self.stdout.write(self.style.NOTICE("→ You hung up."))
                return
            prompt = call.press(entry)

    def _show(self, prompt: Prompt) -> None:
        for text, language in prompt.said:
            self.stdout.write(f"  [{language}] {text}")

    def _keys(self, prompt: Prompt, scripted: list[str] | None) -> str | None:
        if scripted is not None:
            if not scripted:
                return None
            entry = scripted.pop(0).strip()
            self.stdout.write(f"  > {entry or '(silence)'}")
            return entry
        question = f"  Keys ({prompt.num_digits} at most; Enter alone: silence; q: hang up) > "
        try:
            self.stdout.write(question, ending="")
            self.stdout.flush()
            line = sys.stdin.readline()
        except KeyboardInterrupt:
            return None
        if not line or line.strip().lower() == "q":
            return None
        return "".join(ch for ch in line if ch in "0123456789*#")
