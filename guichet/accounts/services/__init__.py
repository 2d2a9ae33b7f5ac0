"""Writes on client accounts: sign-up, confirming the address, passwords, contact details,
signing out everywhere and two-step verification. One transaction each.

Messages (verification, password reset) go through the notifications outbox in the same
transaction, so none is lost. Answers never reveal whether an address has an account.
"""

import secrets

from django.contrib.auth import password_validation
from django.contrib.auth.models import User
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from guichet.accounts.addresses import public_url
from guichet.accounts.errors import Throttled
from guichet.accounts.models import ClientAccount
from guichet.accounts.services.throttle import throttle_take
from guichet.accounts.throttle import subject
from guichet.accounts.tokens import email_verification_tokens, password_reset_tokens, uid_encode
from guichet.clients import validators as v
from guichet.core import clock
from guichet.core.errors import InvalidInput
from guichet.notifications.services import notification_queue

TOTP_NAME = "authenticator"


def email_normalise(value: str | None, *, field: str = "email") -> str:
    """The address as we store it: checked, trimmed, lower-cased (it is also the username)."""
    email = v.email_check(value, field=field).lower()
    if not email:
        raise InvalidInput(_("Enter your e-mail address."), field=field)
    if len(email) > 150:
        raise InvalidInput(_("This e-mail address is too long."), field=field)
    return email


def password_check(password: str, *, user: User | None = None, field: str = "password") -> None:
    """Django's password validators, as a bilingual error naming the field."""
    try:
        password_validation.validate_password(password, user)
    except ValidationError as error:
        raise InvalidInput(" ".join(str(m) for m in error.messages), field=field) from None


def _message_throttle(email: str, ip: str) -> list:
    subjects = [subject("message_email", email), subject("message_ip", ip)]
    verdict = throttle_take(subjects)  # atomic: a burst of requests cannot pass the limit
    if not verdict.allowed:
        raise Throttled(verdict.retry_after)
    return subjects


def account_get(*, user: User | None) -> ClientAccount | None:
    if user is None or not user.is_authenticated:
        return None
    return ClientAccount.objects.filter(user_id=user.pk).first()


@transaction.atomic
def account_sign_up(*, email: str, password: str, language: str, ip: str) -> None:
    """Open an account and send the link that confirms its address.

    When the address already has an account, nothing is created and its holder is told by
    e-mail instead, so that the page shown is the same and says nothing about who has one.
    """
    email = email_normalise(email)
    language = v.language_check(language, field="language")
    existing = ClientAccount.objects.select_related("user").filter(email=email).first()
    if existing is None and User.objects.filter(username=email).exists():
        # A staff username that looks like this address: create nothing, say nothing.
        password_check(password, user=User(username=email, email=email))
        _message_throttle(email, ip)
        return
    if existing is not None:
        _message_throttle(email, ip)
        notification_queue(
            purpose="account_exists",
            channel="email",
            recipient=existing.email,
            language=existing.language,
            context={
                "sign_in_url": public_url("accounts:sign-in", language=existing.language),
                "reset_url": public_url("accounts:password-reset", language=existing.language),
            },
            idempotency_key=f"account-exists:{existing.pk}:{secrets.token_hex(8)}",
        )
        return
    user = User(username=email, email=email)
    password_check(password, user=user)
    _message_throttle(email, ip)
    user.set_password(password)
    user.save()
    account = ClientAccount(user=user, email=email, language=language)
    account.full_clean(exclude=["user"])
    account.save()
    _verification_queue(account)


def _verification_queue(account: ClientAccount) -> None:
    token = email_verification_tokens.make_token(account.user)
    notification_queue(
        purpose="account_email_verification",
        channel="email",
        recipient=account.email,
        language=account.language,
        context={
            "url": public_url(
                "accounts:verify-email",
                language=account.language,
                uidb64=uid_encode(account.user_id),
                token=token,
            )
        },
        idempotency_key=f"email-verification:{account.pk}:{secrets.token_hex(8)}",
    )


@transaction.atomic
def account_verification_resend(*, account: ClientAccount, ip: str) -> None:
    """Send a new confirmation link, unless the address is already confirmed."""
    if account.email_verified:
        return
    _message_throttle(account.email, ip)
    _verification_queue(account)


@transaction.atomic
def account_email_verify(*, user_id: int | None, token: str) -> ClientAccount | None:
    """Confirm the address if the token is right for this user; the account, or None."""
    account = (
        ClientAccount.objects.select_related("user").filter(user_id=user_id).first()
        if user_id is not None
        else None
    )
    if account is None or not email_verification_tokens.check_token(account.user, token):
        return None
    if not account.email_verified:
        account.email_verified_at = clock.now()
        account.save(update_fields=["email_verified_at"])
    return account


@transaction.atomic
def account_password_reset_request(*, email: str, ip: str) -> None:
    """Send a reset link if the address has an account; the same answer either way."""
    email = email_normalise(email)
    _message_throttle(email, ip)
    account = ClientAccount.objects.select_related("user").filter(email=email).first()
    if account is None:
        return
    token = password_reset_tokens.make_token(account.user)
    notification_queue(
        purpose="account_password_reset",
        channel="email",
        recipient=account.email,
        language=account.language,
        context={
            "url": public_url(
                "accounts:password-reset-confirm",
                language=account.language,
                uidb64=uid_encode(account.user_id),
                token=token,
            )
        },
        idempotency_key=f"password-reset:{account.pk}:{secrets.token_hex(8)}",
    )


def account_for_reset(*, user_id: int | None, token: str) -> ClientAccount | None:
    """The account whose reset link this is, while the link is valid."""
    if user_id is None:
        return None
    account = ClientAccount.objects.select_related("user").filter(user_id=user_id).first()
    if account is None or not password_reset_tokens.check_token(account.user, token):
        return None
    return account


@transaction.atomic
def account_password_reset(*, user_id: int | None, token: str, password: str) -> ClientAccount:
    """Set a new password through a valid reset link; every session is signed out.

    Following the link also proves the address, so it is confirmed if it was not yet.
    """
    account = account_for_reset(user_id=user_id, token=token)
    if account is None:
        raise InvalidInput(
            _("This link has expired or has already been used. Ask for a new one."),
            field="token",
        )
    password_check(password, user=account.user, field="new_password")
    account.user.set_password(password)
    account.user.save(update_fields=["password"])
    if not account.email_verified:
        account.email_verified_at = clock.now()
    account.session_epoch = F("session_epoch") + 1
    account.save(update_fields=["email_verified_at", "session_epoch"])
    account.refresh_from_db(fields=["session_epoch"])
    return account


@transaction.atomic
def account_update(*, account: ClientAccount, phone: str, language: str) -> ClientAccount:
    """Change the mobile number for text messages and the language of messages.

    Removing the number turns off text-message updates on every linked case.
    """
    account.phone = v.phone_normalise(phone, field="phone")
    account.language = v.language_check(language, field="language")
    account.save(update_fields=["phone", "language"])
    if not account.phone:
        account.links.filter(notify_sms=True).update(notify_sms=False)
    return account


@transaction.atomic
def account_sign_out_everywhere(*, account: ClientAccount) -> int:
    """End every session of this account, on every device, at its next request."""
    ClientAccount.objects.filter(pk=account.pk).update(session_epoch=F("session_epoch") + 1)
    account.refresh_from_db(fields=["session_epoch"])
    return account.session_epoch


def totp_device_get(*, user: User, confirmed: bool = True) -> TOTPDevice | None:
    return TOTPDevice.objects.filter(user=user, confirmed=confirmed, name=TOTP_NAME).first()


@transaction.atomic
def totp_device_start(*, user: User) -> TOTPDevice:
    """The authenticator being set up (a new secret unless one is already waiting)."""
    device = totp_device_get(user=user, confirmed=False)
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=TOTP_NAME, confirmed=False)
    return device


def _wrong_code() -> InvalidInput:
    return InvalidInput(
        _("This code is not right. Enter the 6 digits the app shows now."), field="token"
    )


def totp_device_confirm(*, account: ClientAccount, token: str) -> TOTPDevice:
    """Turn on two-step verification once the first code from the app is right.

    Other sessions are signed out: they were opened without the second step. The code is
    checked outside the transaction, so that django-otp's count of wrong codes (which slows
    down guessing) is kept when we refuse.
    """
    device = totp_device_get(user=account.user, confirmed=False)
    if device is None or not device.verify_token(_digits(token)):
        raise _wrong_code()
    with transaction.atomic():
        TOTPDevice.objects.filter(user=account.user, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        account_sign_out_everywhere(account=account)
    return device


def totp_device_remove(*, account: ClientAccount, token: str) -> None:
    """Turn off two-step verification; it takes a current code, like signing in."""
    device = totp_device_get(user=account.user)
    if device is None:
        return
    if not device.verify_token(_digits(token)):
        raise _wrong_code()
    TOTPDevice.objects.filter(user=account.user).delete()


def _digits(token: str) -> str:
    return "".join(ch for ch in (token or "") if ch.isdigit())
