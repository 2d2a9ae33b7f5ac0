"""Staff sessions in tests: `Client.force_login(staff)` gives an OTP-verified session.

Two-step verification is required of every staff role (guichet.backoffice.middleware), so a
test that only wants "a signed-in officer" would otherwise land on the code page. When a
test calls `force_login` (Django builds a bare HttpRequest, with no REQUEST_METHOD, to do
it), this plugin also marks the session verified with the user's authenticator, as
`django_otp.login` does after a right code. A sign-in through the real pages (a request
from the test client or a browser) is left alone, so the tests of the code step test the
real thing.
"""

from typing import Any

import pytest
from django.contrib.auth.signals import user_logged_in
from django_otp import DEVICE_ID_SESSION_KEY

DISPATCH_UID = "guichet.testing.staff.verify_forced_logins"


def _verify_forced_login(sender: Any, request: Any, user: Any, **kwargs: Any) -> None:
    if request is None or "REQUEST_METHOD" in request.META:  # a real request: no short cut
        return
    from guichet.testing.factories import staff_device

    device = staff_device(user)
    if device is not None:
        request.session[DEVICE_ID_SESSION_KEY] = device.persistent_id


@pytest.fixture(autouse=True)
def staff_force_login_is_verified() -> Any:
    user_logged_in.connect(_verify_forced_login, dispatch_uid=DISPATCH_UID)
    yield
    user_logged_in.disconnect(dispatch_uid=DISPATCH_UID)
