"""Twilio SMS, through the twilio package, with a status callback to Guichet."""

import requests
from twilio.base.exceptions import (
    TwilioException,
    TwilioRestException,
    TwilioServiceException,
)
from twilio.http import HttpClient
from twilio.http.http_client import TwilioHttpClient
from twilio.rest import Client

from guichet.notifications.providers.base import (
    OutboundMessage,
    PermanentProviderError,
    TransientProviderError,
    http_error,
)

LABEL = "Twilio"
# The recipient replied STOP: Twilio refuses to text them until they reply START.
UNSUBSCRIBED = 21610


class TwilioProvider:
    name = "twilio"
    label = LABEL

    def __init__(
        self,
        *,
        account_sid: str,
        auth_token: str,
        from_number: str,
        messaging_service_sid: str,
        status_callback: str,
        timeout: float,
        http_client: HttpClient | None = None,
    ) -> None:
        self.from_number = from_number
        self.messaging_service_sid = messaging_service_sid
        self.status_callback = status_callback
        self.timeout = timeout
        self.client = Client(
            account_sid, auth_token, http_client=http_client or TwilioHttpClient(timeout=timeout)
        )

    def send_sms(self, message: OutboundMessage) -> str:
        sender = (
            {"messaging_service_sid": self.messaging_service_sid}
            if self.messaging_service_sid
            else {"from_": self.from_number}
        )
        try:
            sent = self.client.messages.create(
                to=message.recipient,
                body=message.body,
                status_callback=self.status_callback,
                **sender,
            )
        except (TwilioRestException, TwilioServiceException) as error:
            classified = http_error(
                self.name, LABEL, int(error.status), f"error {error.code}" if error.code else ""
            )
            classified.recipient_opted_out = error.code == UNSUBSCRIBED
            raise classified from error
        except requests.Timeout as error:
            raise TransientProviderError(
                self.name,
                f"{LABEL} did not answer within {self.timeout:g} s.",
                error_class="timeout",
            ) from error
        except requests.ConnectionError as error:
            raise TransientProviderError(
                self.name, f"Could not connect to {LABEL}.", error_class="connection_error"
            ) from error
        except (ValueError, KeyError, TwilioException) as error:
            raise TransientProviderError(
                self.name,
                f"{LABEL} answered with something that is not a message.",
                error_class="invalid_response",
            ) from error
        if not sent.sid:
            raise TransientProviderError(
                self.name,
                f"{LABEL} answered without a message id.",
                error_class="invalid_response",
            )
        return str(sent.sid)

    def send_email(self, message: OutboundMessage) -> str:
        raise PermanentProviderError(
            self.name, f"{LABEL} sends text messages only.", error_class="configuration"
        )
