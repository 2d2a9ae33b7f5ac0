"""Signed, expiring tokens for the links we e-mail: confirming an address, resetting a password.

Both are Django's password-reset tokens (HMAC of the user's state and a timestamp), with their
own salt and lifetime. A verification token dies once the address is confirmed or changed; a
reset token once the password changes or the person signs in.
"""

from typing import Any

from django.conf import settings
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.utils.encoding import force_bytes, force_str
from django.utils.http import base36_to_int, urlsafe_base64_decode, urlsafe_base64_encode


class _ExpiringTokenGenerator(PasswordResetTokenGenerator):
    lifetime_setting = ""

    def check_token(self, user: Any, token: str | None) -> bool:
        if not super().check_token(user, token):
            return False
        # The parent allows PASSWORD_RESET_TIMEOUT; ours may be shorter.
        assert token is not None
        issued = base36_to_int(token.split("-")[0])
        age = self._num_seconds(self._now()) - issued
        return age <= getattr(settings, self.lifetime_setting)


class EmailVerificationTokenGenerator(_ExpiringTokenGenerator):
    key_salt = "guichet.accounts.tokens.EmailVerification"
    lifetime_setting = "ACCOUNTS_EMAIL_VERIFICATION_SECONDS"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        account = user.client_account
        verified = account.email_verified_at
        verified_text = "" if verified is None else verified.replace(microsecond=0).isoformat()
        return f"{user.pk}{account.email}{verified_text}{timestamp}"


class ResetTokenGenerator(_ExpiringTokenGenerator):
    key_salt = "guichet.accounts.tokens.PasswordReset"
    lifetime_setting = "ACCOUNTS_PASSWORD_RESET_SECONDS"


email_verification_tokens = EmailVerificationTokenGenerator()
password_reset_tokens = ResetTokenGenerator()


def uid_encode(pk: int) -> str:
    return urlsafe_base64_encode(force_bytes(pk))


def uid_decode(uidb64: str) -> int | None:
    try:
        return int(force_str(urlsafe_base64_decode(uidb64)))
    except (TypeError, ValueError, OverflowError):
        return None
