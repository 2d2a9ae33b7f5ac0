"""The one small interface every provider implements, and the two errors it may raise."""

from dataclasses import dataclass, field
from typing import Protocol


@dataclass(frozen=True)
class Attachment:
    """A small text file sent with an e-mail (a calendar invitation, for instance)."""

    name: str  # "appointment.ics": letters, digits, dot, hyphen, underscore
    content_type: str  # "text/calendar; method=REQUEST"
    content: str

    def as_dict(self) -> dict[str, str]:
        return {"name": self.name, "content_type": self.content_type, "content": self.content}


@dataclass(frozen=True)
class OutboundMessage:
    """What a provider needs to send one notification."""

    channel: str
    recipient: str
    language: str
    purpose: str
    subject: str
    body: str
    # Placeholders, for providers that hold the templates themselves (GC Notify).
    context: dict[str, str] = field(default_factory=dict)
    # Opaque, non-personal: what the provider is given to tell us which message it is about.
    reference: str = ""
    # E-mail only. Providers that cannot attach files send the body alone (GC Notify).
    attachments: tuple[Attachment, ...] = ()


class ProviderError(Exception):
    """A provider refused or failed. `message` names the provider and never the recipient."""

    def __init__(
        self,
        provider: str,
        message: str,
        *,
        error_class: str,
        http_status: int | None = None,
        retry_after: float | None = None,
        recipient_opted_out: bool = False,
    ) -> None:
        super().__init__(message)
        self.provider = provider
        self.message = message
        self.error_class = error_class
        self.http_status = http_status
        self.retry_after = retry_after
        self.recipient_opted_out = recipient_opted_out


class TransientProviderError(ProviderError):
    """Worth trying again later: timeout, connection error, 429, 5xx, an unreadable answer."""


class PermanentProviderError(ProviderError):
    """Trying again would fail the same way: a 4xx other than 429, a refused address."""


class NotificationProvider(Protocol):
    """Sends one message and returns the provider's id for it."""

    name: str

    def send_sms(self, message: OutboundMessage) -> str: ...

    def send_email(self, message: OutboundMessage) -> str: ...


def http_error(
    provider: str, label: str, status: int, detail: str = "", retry_after: float | None = None
) -> ProviderError:
    """Classify an HTTP answer: 429 and 5xx are transient, any other 4xx is permanent."""
    text = f"{label} answered HTTP {status}" + (f": {detail}" if detail else "")
    if status == 429 or status >= 500:
        return TransientProviderError(
            provider,
            text[:300],
            error_class=f"http_{status}",
            http_status=status,
            retry_after=retry_after,
        )
    return PermanentProviderError(
        provider, text[:300], error_class=f"http_{status}", http_status=status
    )


def retry_after_seconds(value: str | None) -> float | None:
    """The Retry-After header in seconds, when it is a number (dates are ignored)."""
    try:
        return max(0.0, float(value)) if value else None
    except ValueError:
        return None
