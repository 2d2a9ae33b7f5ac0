"""GC Notify, through notifications-python-client pointed at GC_NOTIFY_BASE_URL.

Templates live in GC Notify, one per purpose, channel and language; we send their id, the
placeholders as `personalisation`, and our opaque reference.
"""

import os
from typing import Any

import requests
from notifications_python_client.errors import APIError, HTTPError, InvalidResponse
from notifications_python_client.notifications import NotificationsAPIClient

from guichet.notifications.providers.base import (
    OutboundMessage,
    PermanentProviderError,
    TransientProviderError,
    http_error,
    retry_after_seconds,
)

LABEL = "GC Notify"
REQUESTS_ENVIRONMENT = [
    *(f"{scheme}_proxy" for scheme in ("http", "https", "all", "no")),
    *(f"{scheme}_PROXY" for scheme in ("HTTP", "HTTPS", "ALL", "NO")),
    "REQUESTS_CA_BUNDLE",
    "CURL_CA_BUNDLE",
    "NETRC",
]


class GcNotifyProvider:
    name = "gc_notify"
    label = LABEL

    def __init__(
        self, *, base_url: str, api_key: str, templates: dict[str, str], timeout: float
    ) -> None:
        self.templates = templates
        self.timeout = timeout
        # Not thread-safe (one requests session); a worker sends one message at a time.
        self.client = NotificationsAPIClient(api_key, base_url=base_url, timeout=timeout)
        if not any(os.environ.get(name) for name in REQUESTS_ENVIRONMENT):
            # Nothing in the environment for requests to read (proxies, CA bundle): spare it
            # from scanning the environment on every call (a tenth of a worker's time).
            self.client.request_session.trust_env = False

    def template_id(self, message: OutboundMessage) -> str:
        key = f"{message.purpose}_{message.channel}_{message.language}"
        template_id = self.templates.get(key)
        if not template_id:
            raise PermanentProviderError(
                self.name,
                f"{LABEL}: no template id is configured for {key} "
                f"(set GC_NOTIFY_TEMPLATE_{key.upper()}).",
                error_class="configuration",
            )
        return template_id

    def send_sms(self, message: OutboundMessage) -> str:
        return self._send(
            self.client.send_sms_notification,
            phone_number=message.recipient,
            template_id=self.template_id(message),
            personalisation=message.context,
            reference=message.reference,
        )

    def send_email(self, message: OutboundMessage) -> str:
        return self._send(
            self.client.send_email_notification,
            email_address=message.recipient,
            template_id=self.template_id(message),
            personalisation=message.context,
            reference=message.reference,
        )

    def _send(self, method: Any, **arguments: Any) -> str:
        try:
            answer = method(**arguments)
        except InvalidResponse as error:
            raise TransientProviderError(
                self.name,
                f"{LABEL} answered with something that is not JSON.",
                error_class="invalid_response",
                http_status=_status(error),
            ) from error
        except HTTPError as error:
            raise self._classify(error) from error
        except APIError as error:  # pragma: no cover - the client raises the two above
            raise TransientProviderError(
                self.name, f"{LABEL}: {type(error).__name__}.", error_class="api_error"
            ) from error
        notification_id = answer.get("id") if isinstance(answer, dict) else None
        if not isinstance(notification_id, str) or not notification_id:
            raise TransientProviderError(
                self.name,
                f"{LABEL} answered without a notification id.",
                error_class="invalid_response",
            )
        return notification_id[:100]

    def _classify(self, error: HTTPError) -> Exception:
        cause = error.__cause__
        if isinstance(cause, requests.Timeout):
            return TransientProviderError(
                self.name,
                f"{LABEL} did not answer within {self.timeout:g} s.",
                error_class="timeout",
            )
        if isinstance(cause, requests.ConnectionError):
            return TransientProviderError(
                self.name, f"Could not connect to {LABEL}.", error_class="connection_error"
            )
        response = error.response
        if response is None:
            return TransientProviderError(
                self.name,
                f"{LABEL}: the request failed ({type(cause).__name__}).",
                error_class="request_error",
            )
        return http_error(
            self.name,
            LABEL,
            response.status_code,
            _detail(error),
            retry_after_seconds(response.headers.get("Retry-After")),
        )


def _status(error: APIError) -> int | None:
    response = error.response
    return response.status_code if response is not None else None


def _detail(error: APIError) -> str:
    """GC Notify's error codes (e.g. BadRequestError), not its messages, which may quote data."""
    try:
        errors = error.response.json().get("errors", [])  # type: ignore[union-attr]
        return ", ".join(sorted({str(item.get("error", "")) for item in errors} - {""}))[:100]
    except (AttributeError, TypeError, ValueError):
        return ""
