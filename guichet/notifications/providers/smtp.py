"""E-mail through Django's e-mail backend (SMTP in production, EMAIL_BACKEND in settings)."""

import smtplib

from django.core.mail import EmailMessage, get_connection
from django.core.mail.message import make_msgid

from guichet.notifications.providers.base import (
    OutboundMessage,
    PermanentProviderError,
    ProviderError,
    TransientProviderError,
)

LABEL = "SMTP server"


class SmtpProvider:
    name = "smtp"
    label = LABEL

    def __init__(self, *, backend: str, from_email: str, timeout: float) -> None:
        self.backend = backend
        self.from_email = from_email
        self.timeout = timeout

    def send_sms(self, message: OutboundMessage) -> str:
        raise PermanentProviderError(
            self.name, "SMTP sends e-mail only.", error_class="configuration"
        )

    def send_email(self, message: OutboundMessage) -> str:
        domain = self.from_email.rsplit("@", 1)[-1].strip(">") or None
        message_id = make_msgid(idstring=message.reference, domain=domain)
        email = EmailMessage(
            subject=message.subject,
            body=message.body,
            from_email=self.from_email,
            to=[message.recipient],
            headers={"Message-ID": message_id, "X-Guichet-Reference": message.reference},
            connection=get_connection(self.backend, fail_silently=False, timeout=self.timeout),
        )
        for attachment in message.attachments:
            email.attach(attachment.name, attachment.content, attachment.content_type)
        try:
            if email.send() != 1:
                raise TransientProviderError(
                    self.name, f"The {LABEL} did not take the message.", error_class="not_sent"
                )
        except ProviderError:
            raise
        except smtplib.SMTPRecipientsRefused as error:
            codes = [code for code, _text in error.recipients.values()]
            raise _by_code(codes[0] if codes else 550, "refused the recipient") from error
        except smtplib.SMTPResponseException as error:
            raise _by_code(error.smtp_code, "refused the message") from error
        except TimeoutError as error:
            raise TransientProviderError(
                self.name,
                f"The {LABEL} did not answer within {self.timeout:g} s.",
                error_class="timeout",
            ) from error
        except (smtplib.SMTPException, OSError) as error:
            raise TransientProviderError(
                self.name,
                f"Could not talk to the {LABEL} ({type(error).__name__}).",
                error_class="connection_error",
            ) from error
        return message_id.strip("<>")[:100]


def _by_code(code: int, what: str) -> ProviderError:
    text = f"The {LABEL} {what} with code {code}."
    if 400 <= code < 500:
        return TransientProviderError("smtp", text, error_class=f"smtp_{code}")
    return PermanentProviderError("smtp", text, error_class=f"smtp_{code}")
