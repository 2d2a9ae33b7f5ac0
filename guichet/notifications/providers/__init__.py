"""Providers behind one interface, chosen per channel by configuration.

NOTIFY_SMS_PROVIDER and NOTIFY_EMAIL_PROVIDER name one of: `file` (the embedded default),
`gc_notify`, `twilio` (SMS only), `smtp` (e-mail only). Each worker process builds a provider
once and keeps it (settings changes in tests clear the cache).
"""

from typing import Any

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.core.signals import setting_changed
from django.dispatch import receiver

from guichet.notifications.providers.base import (
    Attachment,
    NotificationProvider,
    OutboundMessage,
    PermanentProviderError,
    ProviderError,
    TransientProviderError,
)

__all__ = [
    "CHANNELS_BY_PROVIDER",
    "Attachment",
    "NotificationProvider",
    "OutboundMessage",
    "PermanentProviderError",
    "ProviderError",
    "TransientProviderError",
    "provider_for",
    "provider_get",
    "provider_name_for",
]

CHANNELS_BY_PROVIDER = {
    "file": {"sms", "email"},
    "gc_notify": {"sms", "email"},
    "twilio": {"sms"},
    "smtp": {"email"},
}
SETTING_BY_CHANNEL = {"sms": "NOTIFY_SMS_PROVIDER", "email": "NOTIFY_EMAIL_PROVIDER"}

# Built providers by name; tests may put a provider with a faked transport here.
instances: dict[str, NotificationProvider] = {}


def provider_name_for(channel: str) -> str:
    setting = SETTING_BY_CHANNEL[channel]
    name = str(getattr(settings, setting))
    if channel not in CHANNELS_BY_PROVIDER.get(name, set()):
        choices = ", ".join(p for p, c in CHANNELS_BY_PROVIDER.items() if channel in c)
        raise ImproperlyConfigured(f"{setting}={name!r}: choose one of {choices}.")
    return name


def provider_for(channel: str) -> NotificationProvider:
    return provider_get(provider_name_for(channel))


def provider_get(name: str) -> NotificationProvider:
    if name not in instances:
        instances[name] = _build(name)
    return instances[name]


def _require(*names: str) -> None:
    missing = [name for name in names if not getattr(settings, name, "")]
    if missing:
        raise ImproperlyConfigured(f"Set {', '.join(missing)} to send through this provider.")


def _build(name: str) -> NotificationProvider:
    timeout = float(settings.NOTIFY_HTTP_TIMEOUT_SECONDS)
    if name == "file":
        from guichet.notifications.providers.file import FileProvider

        return FileProvider(directory=settings.NOTIFY_OUTBOX_DIR)
    if name == "gc_notify":
        from guichet.notifications.providers.gc_notify import GcNotifyProvider

        _require("GC_NOTIFY_BASE_URL", "GC_NOTIFY_API_KEY")
        return GcNotifyProvider(
            base_url=settings.GC_NOTIFY_BASE_URL,
            api_key=settings.GC_NOTIFY_API_KEY,
            templates=dict(settings.GC_NOTIFY_TEMPLATES),
            timeout=timeout,
        )
    if name == "twilio":
        from guichet.notifications.providers.twilio import TwilioProvider

        _require("TWILIO_ACCOUNT_SID", "TWILIO_AUTH_TOKEN")
        if not (settings.TWILIO_FROM_NUMBER or settings.TWILIO_MESSAGING_SERVICE_SID):
            raise ImproperlyConfigured("Set TWILIO_FROM_NUMBER or TWILIO_MESSAGING_SERVICE_SID.")
        return TwilioProvider(
            account_sid=settings.TWILIO_ACCOUNT_SID,
            auth_token=settings.TWILIO_AUTH_TOKEN,
            from_number=settings.TWILIO_FROM_NUMBER,
            messaging_service_sid=settings.TWILIO_MESSAGING_SERVICE_SID,
            status_callback=twilio_webhook_url("twilio/status"),
            timeout=timeout,
        )
    if name == "smtp":
        from guichet.notifications.providers.smtp import SmtpProvider

        return SmtpProvider(
            backend=settings.EMAIL_BACKEND, from_email=settings.DEFAULT_FROM_EMAIL, timeout=timeout
        )
    raise ImproperlyConfigured(f"Unknown notification provider {name!r}.")


def twilio_webhook_url(path: str) -> str:
    """The public address of one of our Twilio webhooks (Twilio signs exactly this)."""
    base = settings.TWILIO_WEBHOOK_BASE_URL or settings.GUICHET_PUBLIC_URL
    return f"{base.rstrip('/')}/api/v1/notifications/{path}"


@receiver(setting_changed)
def _forget_providers(*, setting: str, **kwargs: Any) -> None:
    if setting.startswith(("NOTIFY_", "GC_NOTIFY_", "TWILIO_", "EMAIL_", "DEFAULT_FROM")):
        instances.clear()
