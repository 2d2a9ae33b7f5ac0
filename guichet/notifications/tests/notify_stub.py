"""A tiny local GC Notify for tests and benchmarks: enough of the v2 API for our client.

It answers POST /v2/notifications/sms and /v2/notifications/email with 201 and a JSON body
holding a new notification id, after checking the JWT the real notifications-python-client
signs with the API key. It remembers every request (by our reference), and can be told to
misbehave: answer with a status, with garbage, or hang past the client's timeout.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import jwt

TEMPLATE_ENV = {
    f"GC_NOTIFY_TEMPLATE_RECEIPT_CONFIRMATION_{channel}_{language}": str(
        uuid.uuid5(uuid.NAMESPACE_URL, f"guichet:receipt_confirmation:{channel}:{language}")
    )
    for channel in ("SMS", "EMAIL")
    for language in ("EN", "FR")
}


@dataclass
class Behaviour:
    """What the stub does with one request: answer `status` (with `body`), or hang."""

    status: int = 201
    body: str | None = None  # None: the normal JSON answer
    hang_seconds: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)


class NotifyStub:
    """Run with `with NotifyStub() as stub:`; `stub.url` is the base URL for the client."""

    def __init__(self) -> None:
        self.service_id = str(uuid.uuid4())
        self.secret = str(uuid.uuid4())
        self.api_key = f"guichet_stub-{self.service_id}-{self.secret}"
        self.templates = {
            name.removeprefix("GC_NOTIFY_TEMPLATE_").lower(): value
            for name, value in TEMPLATE_ENV.items()
        }
        self.lock = threading.Lock()
        self.requests: list[dict[str, Any]] = []
        self.by_reference: Counter[str] = Counter()
        self.script: list[Behaviour] = []  # consumed one per request, then the default
        self.default = Behaviour()
        self.server = _QuietServer(("127.0.0.1", 0), _handler(self))
        self.server.daemon_threads = True
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.server.server_port}"

    def env(self) -> dict[str, str]:
        """Environment for a worker process sending through this stub."""
        return {"GC_NOTIFY_BASE_URL": self.url, "GC_NOTIFY_API_KEY": self.api_key, **TEMPLATE_ENV}

    def start(self) -> NotifyStub:
        self.thread.start()
        return self

    def stop(self) -> None:
        self.server.shutdown()
        self.server.server_close()

    def __enter__(self) -> NotifyStub:
        return self.start()

    def __exit__(self, *exc: object) -> None:
        self.stop()

    def next_behaviour(self) -> Behaviour:
        with self.lock:
            return self.script.pop(0) if self.script else self.default

    def record(self, entry: dict[str, Any]) -> None:
        with self.lock:
            self.requests.append(entry)
            reference = entry.get("body", {}).get("reference")
            if reference:
                self.by_reference[reference] += 1


class _QuietServer(ThreadingHTTPServer):
    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up (timeout) while the stub was still answering


def _handler(stub: NotifyStub) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"
        # One write per answer, sent at once: no 40 ms stalls from Nagle and delayed ACKs.
        disable_nagle_algorithm = True
        wbufsize = 64 * 1024

        def log_message(self, format: str, *args: Any) -> None:  # quiet
            pass

        def _answer(self, status: int, body: str, headers: dict[str, str] | None = None) -> None:
            data = body.encode()
            self.send_response(status)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(data)))
            for name, value in (headers or {}).items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(data)

        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length") or 0)
            raw = self.rfile.read(length)
            token = self.headers.get("Authorization", "").removeprefix("Bearer ")
            try:
                claims = jwt.decode(token, stub.secret, algorithms=["HS256"])
                assert claims["iss"] == stub.service_id
            except Exception:
                self._answer(403, json.dumps({"errors": [{"error": "AuthError"}]}))
                return
            kind = self.path.rsplit("/", 1)[-1]
            if self.path not in ("/v2/notifications/sms", "/v2/notifications/email"):
                self._answer(404, json.dumps({"errors": [{"error": "NotFound"}]}))
                return
            body = json.loads(raw or b"{}")
            stub.record({"path": self.path, "kind": kind, "body": body, "at": time.time()})
            behaviour = stub.next_behaviour()
            if behaviour.hang_seconds:
                time.sleep(behaviour.hang_seconds)
            if behaviour.body is not None:
                self._answer(behaviour.status, behaviour.body, behaviour.headers)
                return
            if behaviour.status >= 400:
                error = {"status_code": behaviour.status, "errors": [{"error": "StubError"}]}
                self._answer(behaviour.status, json.dumps(error), behaviour.headers)
                return
            answer = {
                "id": str(uuid.uuid4()),
                "reference": body.get("reference"),
                "content": {"body": "…", "from_number": "GUICHET"},
                "uri": f"{stub.url}/v2/notifications/{uuid.uuid4()}",
                "template": {"id": body.get("template_id"), "version": 1, "uri": ""},
            }
            self._answer(201, json.dumps(answer))

    return Handler
