"""Each provider, with its transport faked at the boundary, and how its errors are classified."""

from __future__ import annotations

import json
import smtplib
import socket
import uuid
from typing import Any, ClassVar

import pytest
import requests
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from twilio.http import HttpClient
from twilio.http.response import Response

from guichet.notifications.providers import (
    OutboundMessage,
    PermanentProviderError,
    TransientProviderError,
    provider_get,
)
from guichet.notifications.providers.file import FileProvider
from guichet.notifications.providers.gc_notify import GcNotifyProvider
from guichet.notifications.providers.smtp import SmtpProvider
from guichet.notifications.providers.twilio import TwilioProvider
from guichet.notifications.tests.notify_stub import Behaviour, NotifyStub

CONTEXT = {"application_number": "P123456782", "service_name": "PR card"}


def message(channel: str = "sms", language: str = "fr") -> OutboundMessage:
    return OutboundMessage(
        channel=channel,
        recipient="+16135550100" if channel == "sms" else "marie@example.ca",
        language=language,
        purpose="receipt_confirmation",
        subject="" if channel == "sms" else "Nous avons reçu votre demande P123456782",
        body="IRCC : Nous avons reçu votre demande P123456782 (PR card).",
        context=dict(CONTEXT),
        reference=uuid.uuid4().hex,
    )


# --- File ---------------------------------------------------------------------------------------


def test_file_provider_writes_one_readable_file_per_message(tmp_path, caplog):
    provider = FileProvider(directory=tmp_path / "outbox")
    sms, email = message("sms"), message("email")
    assert provider.send_sms(sms) == f"file-{sms.reference}"
    provider.send_email(email)
    files = sorted((tmp_path / "outbox").glob("*.txt"))
    assert len(files) == 2
    text = next(f for f in files if "-sms-" in f.name).read_text()
    assert "Channel: sms\nTo: +16135550100\nLanguage: fr\n" in text
    assert "Nous avons reçu votre demande P123456782" in text
    mail_text = next(f for f in files if "-email-" in f.name).read_text()
    assert "Subject: Nous avons reçu votre demande P123456782" in mail_text
    assert "6135550100" not in caplog.text and "marie@" not in caplog.text


def test_file_provider_that_cannot_write_is_a_transient_error(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("")
    with pytest.raises(TransientProviderError) as caught:
        FileProvider(directory=blocker).send_sms(message())
    assert "File outbox" in caught.value.message


# --- GC Notify (real client, local stub server) -------------------------------------------------


@pytest.fixture
def stub():
    with NotifyStub() as server:
        yield server


def notify(stub: NotifyStub, timeout: float = 1.0) -> GcNotifyProvider:
    return GcNotifyProvider(
        base_url=stub.url, api_key=stub.api_key, templates=stub.templates, timeout=timeout
    )


def test_gc_notify_sms_and_email_through_the_real_client(stub):
    provider = notify(stub)
    sms, email = message("sms", "fr"), message("email", "en")
    sms_id = provider.send_sms(sms)
    email_id = provider.send_email(email)
    assert uuid.UUID(sms_id) and uuid.UUID(email_id) and sms_id != email_id
    first, second = stub.requests
    assert first["path"] == "/v2/notifications/sms"
    assert first["body"] == {
        "phone_number": "+16135550100",
        "template_id": stub.templates["receipt_confirmation_sms_fr"],
        "personalisation": CONTEXT,
        "reference": sms.reference,
    }
    assert second["path"] == "/v2/notifications/email"
    assert second["body"]["email_address"] == "marie@example.ca"
    assert second["body"]["template_id"] == stub.templates["receipt_confirmation_email_en"]


def test_gc_notify_signs_with_the_api_key(stub):
    # The stub checks the JWT signed by the real client; a wrong key is refused with 403,
    # which is a permanent error (retrying would not help).
    notify(stub).send_sms(message())
    assert len(stub.requests) == 1
    bad = GcNotifyProvider(
        base_url=stub.url,
        api_key=f"other-{uuid.uuid4()}-{uuid.uuid4()}",
        templates=stub.templates,
        timeout=1,
    )
    with pytest.raises(PermanentProviderError) as caught:
        bad.send_sms(message())
    assert caught.value.http_status == 403
    assert len(stub.requests) == 1


def test_gc_notify_without_a_template_id_names_the_setting(stub):
    provider = GcNotifyProvider(base_url=stub.url, api_key=stub.api_key, templates={}, timeout=1)
    with pytest.raises(PermanentProviderError) as caught:
        provider.send_sms(message())
    assert "GC_NOTIFY_TEMPLATE_RECEIPT_CONFIRMATION_SMS_FR" in caught.value.message


@pytest.mark.parametrize(
    ("behaviour", "kind", "error_class", "status"),
    [
        (
            Behaviour(status=429, headers={"Retry-After": "7"}),
            TransientProviderError,
            "http_429",
            429,
        ),
        (Behaviour(status=500), TransientProviderError, "http_500", 500),
        (Behaviour(status=502), TransientProviderError, "http_502", 502),
        (Behaviour(status=503), TransientProviderError, "http_503", 503),
        (Behaviour(status=400), PermanentProviderError, "http_400", 400),
        (Behaviour(status=404), PermanentProviderError, "http_404", 404),
        (
            Behaviour(status=201, body="<html>oops</html>"),
            TransientProviderError,
            "invalid_response",
            201,
        ),
        (
            Behaviour(status=201, body='{"no": "id"}'),
            TransientProviderError,
            "invalid_response",
            None,
        ),
        (Behaviour(hang_seconds=1.5), TransientProviderError, "timeout", None),
    ],
)
def test_gc_notify_errors_are_classified(stub, behaviour, kind, error_class, status):
    stub.script.append(behaviour)
    with pytest.raises(kind) as caught:
        notify(stub, timeout=0.5).send_sms(message())
    error = caught.value
    assert type(error) is kind
    assert error.error_class == error_class
    assert error.http_status == status
    assert error.provider == "gc_notify" and "GC Notify" in error.message
    if status == 429:
        assert error.retry_after == 7


def test_gc_notify_unreachable_is_a_connection_error():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    provider = GcNotifyProvider(
        base_url=f"http://127.0.0.1:{port}",
        api_key=f"k-{uuid.uuid4()}-{uuid.uuid4()}",
        templates={"receipt_confirmation_sms_fr": str(uuid.uuid4())},
        timeout=0.5,
    )
    with pytest.raises(TransientProviderError) as caught:
        provider.send_sms(message())
    assert caught.value.error_class == "connection_error"
    assert "GC Notify" in caught.value.message


# --- Twilio (fake HTTP client under the real twilio Client) -------------------------------------


class FakeTwilioHttp(HttpClient):
    def __init__(self, answers: list[Any]) -> None:
        super().__init__(logger=None, is_async=False, timeout=1)  # type: ignore[arg-type]
        self.answers = answers
        self.calls: list[dict[str, Any]] = []

    def request(self, method, uri, params=None, data=None, headers=None, auth=None, **kwargs):  # type: ignore[no-untyped-def,override]
        self.calls.append({"method": method, "uri": uri, "data": data, "auth": auth})
        answer = self.answers.pop(0)
        if isinstance(answer, Exception):
            raise answer
        status, body = answer
        return Response(status, body if isinstance(body, str) else json.dumps(body))


def twilio(answers: list[Any]) -> tuple[TwilioProvider, FakeTwilioHttp]:
    http = FakeTwilioHttp(answers)
    provider = TwilioProvider(
        account_sid="AC" + "0" * 32,
        auth_token="secret",
        from_number="+16135550199",
        messaging_service_sid="",
        status_callback="https://guichet.example.ca/api/v1/notifications/twilio/status",
        timeout=1,
        http_client=http,
    )
    return provider, http


def test_twilio_sends_with_a_status_callback():
    provider, http = twilio([(201, {"sid": "SM" + "a" * 32, "status": "queued"})])
    assert provider.send_sms(message()) == "SM" + "a" * 32
    call = http.calls[0]
    assert call["method"] == "POST" and call["uri"].endswith("/Messages.json")
    assert call["data"]["To"] == "+16135550100"
    assert call["data"]["From"] == "+16135550199"
    assert call["data"]["StatusCallback"].endswith("/api/v1/notifications/twilio/status")
    assert "P123456782" in call["data"]["Body"]


@pytest.mark.parametrize(
    ("answer", "kind", "error_class"),
    [
        (
            (429, {"code": 20429, "message": "Too Many Requests"}),
            TransientProviderError,
            "http_429",
        ),
        ((500, {"code": 20500, "message": "Internal"}), TransientProviderError, "http_500"),
        (
            (400, {"code": 21211, "message": "Invalid 'To' +16135550100"}),
            PermanentProviderError,
            "http_400",
        ),
        ((200, "garbage, not json"), TransientProviderError, "invalid_response"),
        (requests.Timeout("read timed out"), TransientProviderError, "timeout"),
        (requests.ConnectionError("refused"), TransientProviderError, "connection_error"),
    ],
)
def test_twilio_errors_are_classified(answer, kind, error_class):
    provider, _http = twilio([answer])
    with pytest.raises(kind) as caught:
        provider.send_sms(message())
    assert type(caught.value) is kind
    assert caught.value.error_class == error_class
    assert "Twilio" in caught.value.message


def test_twilio_unsubscribed_recipient_is_permanent_and_flagged():
    provider, _http = twilio([(400, {"code": 21610, "message": "Attempt to send to unsubscribed"})])
    with pytest.raises(PermanentProviderError) as caught:
        provider.send_sms(message())
    assert caught.value.recipient_opted_out


# --- SMTP (Django's e-mail backends) ------------------------------------------------------------


class FailingBackend(BaseEmailBackend):
    error: ClassVar[BaseException | None] = None

    def __init__(self, timeout: float | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)

    def send_messages(self, email_messages):  # type: ignore[no-untyped-def]
        assert self.error is not None
        raise self.error


def test_smtp_sends_through_django_with_our_reference():
    provider = SmtpProvider(
        backend="django.core.mail.backends.locmem.EmailBackend",
        from_email="Guichet <no-reply@guichet.example.ca>",
        timeout=1,
    )
    outbound = message("email")
    provider_id = provider.send_email(outbound)
    sent = mail.outbox[-1]
    assert sent.to == ["marie@example.ca"]
    assert sent.subject == "Nous avons reçu votre demande P123456782"
    assert sent.extra_headers["X-Guichet-Reference"] == outbound.reference
    assert provider_id == sent.extra_headers["Message-ID"].strip("<>")
    assert provider_id.endswith("@guichet.example.ca")


@pytest.mark.parametrize(
    ("error", "kind", "error_class"),
    [
        (
            smtplib.SMTPRecipientsRefused({"m@x.ca": (550, b"no such user")}),
            PermanentProviderError,
            "smtp_550",
        ),
        (
            smtplib.SMTPRecipientsRefused({"m@x.ca": (452, b"mailbox full")}),
            TransientProviderError,
            "smtp_452",
        ),
        (smtplib.SMTPDataError(451, b"try later"), TransientProviderError, "smtp_451"),
        (smtplib.SMTPSenderRefused(553, b"bad sender", "x"), PermanentProviderError, "smtp_553"),
        (smtplib.SMTPServerDisconnected("gone"), TransientProviderError, "connection_error"),
        (TimeoutError("timed out"), TransientProviderError, "timeout"),
        (ConnectionRefusedError(111, "refused"), TransientProviderError, "connection_error"),
    ],
)
def test_smtp_errors_are_classified(error, kind, error_class):
    FailingBackend.error = error
    provider = SmtpProvider(
        backend=f"{__name__}.FailingBackend", from_email="no-reply@guichet.example.ca", timeout=1
    )
    with pytest.raises(kind) as caught:
        provider.send_email(message("email"))
    assert type(caught.value) is kind
    assert caught.value.error_class == error_class
    assert "SMTP" in caught.value.message


# --- Choosing a provider by configuration ----------------------------------------------------


def test_configuration_chooses_the_provider_per_channel(settings, notify_stub):
    from guichet.notifications.providers import provider_for

    settings.NOTIFY_EMAIL_PROVIDER = "smtp"
    assert provider_for("sms").name == "gc_notify"
    assert provider_for("email").name == "smtp"


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        ("NOTIFY_SMS_PROVIDER", "smtp"),
        ("NOTIFY_EMAIL_PROVIDER", "twilio"),
        ("NOTIFY_SMS_PROVIDER", "carrier-pigeon"),
    ],
)
def test_a_provider_that_cannot_send_the_channel_is_a_configuration_error(settings, setting, value):
    from django.core.exceptions import ImproperlyConfigured

    from guichet.notifications.providers import provider_for

    setattr(settings, setting, value)
    with pytest.raises(ImproperlyConfigured):
        provider_for("sms" if "SMS" in setting else "email")


def test_gc_notify_needs_its_key(settings):
    from django.core.exceptions import ImproperlyConfigured

    settings.GC_NOTIFY_API_KEY = ""
    with pytest.raises(ImproperlyConfigured, match="GC_NOTIFY_API_KEY"):
        provider_get("gc_notify")
