"""Writes of the back office: a staff member's authenticator."""

from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice

from guichet.accounts.services import TOTP_NAME, totp_device_get
from guichet.core.errors import InvalidInput


def staff_totp_confirm(*, user: User, token: str) -> TOTPDevice:
    """Confirm the authenticator being set up once its first code is right.

    The code is checked outside the transaction, so that django-otp's count of wrong codes
    (which slows down guessing) is kept when the code is refused.
    """
    device = totp_device_get(user=user, confirmed=False)
    digits = "".join(ch for ch in (token or "") if ch.isdigit())
    if device is None or not device.verify_token(digits):
        raise InvalidInput(
            _("This code is not right. Enter the 6 digits the app shows now."), field="token"
        )
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user, name=TOTP_NAME, confirmed=True).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
    return device
