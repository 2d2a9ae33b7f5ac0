"""Notifications: which provider sends each channel, their credentials, retries and limits.

The embedded default writes every message to var/outbox/ (the `file` provider), so `make demo`
sends nothing anywhere. Secrets (API keys, tokens) have no default: a provider that needs one
refuses to start without it, and a callback whose token is not set refuses every request.
"""

import os
from pathlib import Path

from guichet.config.env import env_bool, env_int, env_str

BASE_DIR = Path(__file__).resolve().parents[3]

# Provider per channel: file | gc_notify | twilio (SMS only) | smtp (e-mail only).
NOTIFY_SMS_PROVIDER = env_str("NOTIFY_SMS_PROVIDER", "file")
NOTIFY_EMAIL_PROVIDER = env_str("NOTIFY_EMAIL_PROVIDER", "file")
NOTIFY_OUTBOX_DIR = Path(env_str("NOTIFY_OUTBOX_DIR", str(BASE_DIR / "var" / "outbox")))

# Every call to a provider gives up after this long (connect and read).
NOTIFY_HTTP_TIMEOUT_SECONDS = float(env_str("NOTIFY_HTTP_TIMEOUT_SECONDS", "10"))
# A notification claimed by a worker that has not recorded the outcome after this long is
# taken to be lost with its worker and is sent again. Must exceed the timeout above.
NOTIFY_CLAIM_TIMEOUT_SECONDS = float(env_str("NOTIFY_CLAIM_TIMEOUT_SECONDS", "120"))
# A worker that claims a message due now claims up to this many more of the same channel in
# the same transaction (one lock of the rate row, one rate computation) and sends them one
# after the other through the same provider connection. Capped so that the whole batch, every
# call timing out, still ends before its claims expire: at most claim timeout ÷ HTTP timeout − 1.
NOTIFY_CLAIM_BATCH = env_int("NOTIFY_CLAIM_BATCH", 10)
# Retries on timeouts, connection errors, 429 and 5xx: exponential back-off with full jitter.
NOTIFY_MAX_ATTEMPTS = env_int("NOTIFY_MAX_ATTEMPTS", 8)
NOTIFY_RETRY_BASE_SECONDS = float(env_str("NOTIFY_RETRY_BASE_SECONDS", "5"))
NOTIFY_RETRY_MAX_SECONDS = float(env_str("NOTIFY_RETRY_MAX_SECONDS", "900"))

# Requests a minute to each provider, shared by every worker (GC Notify allows 1,000).
NOTIFY_RATE_LIMIT_PER_MINUTE = env_int("NOTIFY_RATE_LIMIT_PER_MINUTE", 900)
# Requests that may go at once after a quiet spell (0: one second's worth of the limit).
NOTIFY_RATE_LIMIT_BURST = env_int("NOTIFY_RATE_LIMIT_BURST", 0)
# Text messages to one phone number in any hour; more wait, they are not dropped.
NOTIFY_SMS_PER_RECIPIENT_PER_HOUR = env_int("NOTIFY_SMS_PER_RECIPIENT_PER_HOUR", 20)

# GC Notify (https://notification.canada.ca), through notifications-python-client.
GC_NOTIFY_BASE_URL = env_str("GC_NOTIFY_BASE_URL", "https://api.notification.canada.ca")
GC_NOTIFY_API_KEY = os.environ.get("GC_NOTIFY_API_KEY", "")
GC_NOTIFY_CALLBACK_TOKEN = os.environ.get("GC_NOTIFY_CALLBACK_TOKEN", "")
# One template a purpose, channel and language, e.g.
# GC_NOTIFY_TEMPLATE_RECEIPT_CONFIRMATION_SMS_FR=<template uuid>.
GC_NOTIFY_TEMPLATE_PREFIX = "GC_NOTIFY_TEMPLATE_"
GC_NOTIFY_TEMPLATES = {
    name.removeprefix(GC_NOTIFY_TEMPLATE_PREFIX).lower(): value
    for name, value in os.environ.items()
    if name.startswith(GC_NOTIFY_TEMPLATE_PREFIX) and value
}

# Twilio (SMS), through the twilio package. Callbacks are checked against TWILIO_AUTH_TOKEN and
# the public address Twilio calls (TWILIO_WEBHOOK_BASE_URL, else GUICHET_PUBLIC_URL).
TWILIO_ACCOUNT_SID = os.environ.get("TWILIO_ACCOUNT_SID", "")
TWILIO_AUTH_TOKEN = os.environ.get("TWILIO_AUTH_TOKEN", "")
TWILIO_FROM_NUMBER = os.environ.get("TWILIO_FROM_NUMBER", "")
TWILIO_MESSAGING_SERVICE_SID = os.environ.get("TWILIO_MESSAGING_SERVICE_SID", "")
TWILIO_WEBHOOK_BASE_URL = os.environ.get("TWILIO_WEBHOOK_BASE_URL", "")

# SMTP e-mail, through Django's e-mail backend.
EMAIL_BACKEND = env_str("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
EMAIL_HOST = env_str("EMAIL_HOST", "localhost")
EMAIL_PORT = env_int("EMAIL_PORT", 25)
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
EMAIL_TIMEOUT = max(1, round(NOTIFY_HTTP_TIMEOUT_SECONDS))
DEFAULT_FROM_EMAIL = env_str("DEFAULT_FROM_EMAIL", "Guichet <no-reply@guichet.invalid>")
