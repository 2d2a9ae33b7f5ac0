"""Video appointments: one small provider interface, a Jitsi Meet adapter and the file provider.

A room name is random (`secrets`, 128 bits) and made once per appointment: it is never derived
from the case, the person or the time, so it cannot be guessed. On a self-hosted Jitsi Meet
with token authentication, entering a room needs a JWT signed with the deployment's app
secret (PyJWT, HS256): the token names the room, is valid from a little before the start to a
little after the end, and makes the officer (only) a moderator. The file provider, the
embedded default for `make demo`, hands out links under the reserved .invalid domain.

Low bandwidth: every video appointment has a phone fall-back (a dial-in number from the
settings and a PIN of the appointment), given on the invitation.

Settings: APPOINTMENTS_VIDEO_PROVIDER ("file" or "jitsi"), JITSI_DOMAIN, JITSI_APP_ID,
JITSI_APP_SECRET, APPOINTMENTS_DIAL_IN_NUMBER.
"""

from __future__ import annotations

import datetime as dt
import secrets
from dataclasses import dataclass
from typing import Protocol

import jwt
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured

from guichet.appointments.models import Appointment

EARLY = dt.timedelta(minutes=15)  # a token opens the room this long before the start
LATE = dt.timedelta(minutes=30)  # and keeps it open this long after the planned end


def room_name_new() -> str:
    return f"ircc-{secrets.token_hex(16)}"


def pin_new() -> str:
    return f"{secrets.randbelow(10**8):08d}"


@dataclass(frozen=True)
class Join:
    url: str
    dial_in: str
    pin: str


class VideoProvider(Protocol):
    name: str

    def join(self, appointment: Appointment, *, moderator: bool) -> Join: ...


def _dial_in() -> str:
    return str(getattr(settings, "APPOINTMENTS_DIAL_IN_NUMBER", "+1 613 555 0199"))


class FileVideoProvider:
    """The demo: no video server. The link, under the reserved `.invalid` domain (RFC 6761),
    shows in the outbox which room the call would use; it leads nowhere."""

    name = "file"

    def join(self, appointment: Appointment, *, moderator: bool) -> Join:
        role = "officer" if moderator else "client"
        return Join(
            url=f"https://video.invalid/{appointment.video_room}?as={role}",
            dial_in=_dial_in(),
            pin=appointment.dial_in_pin,
        )


class JitsiVideoProvider:
    """A self-hosted Jitsi Meet with JWT authentication (prosody `token` auth)."""

    name = "jitsi"

    def __init__(self, *, domain: str, app_id: str, app_secret: str) -> None:
        if not (domain and app_id and app_secret) or len(app_secret) < 32:
            raise ImproperlyConfigured(
                "Jitsi needs JITSI_DOMAIN, JITSI_APP_ID and a JITSI_APP_SECRET of 32 characters"
                " or more."
            )
        self.domain = domain
        self.app_id = app_id
        self.app_secret = app_secret

    def token(self, appointment: Appointment, *, moderator: bool) -> str:
        claims = {
            "aud": "jitsi",
            "iss": self.app_id,
            "sub": self.domain,
            "room": appointment.video_room,
            "nbf": int((appointment.starts_at - EARLY).timestamp()),
            "exp": int((appointment.ends_at + LATE).timestamp()),
            # No name, no e-mail: the officer knows whom they meet, the server need not.
            "context": {"user": {"name": "IRCC" if moderator else "Client"}},
            "moderator": moderator,
        }
        return jwt.encode(claims, self.app_secret, algorithm="HS256")

    def token_check(self, token: str, *, room: str, at: dt.datetime) -> dict[str, object]:
        """What the Jitsi server checks, for tests and for support: signature, audience,
        issuer, room and validity at `at`."""
        claims = jwt.decode(
            token,
            self.app_secret,
            algorithms=["HS256"],
            audience="jitsi",
            issuer=self.app_id,
            options={"verify_exp": False, "verify_nbf": False},
        )
        moment = int(at.timestamp())
        if claims.get("room") != room:
            raise jwt.InvalidTokenError("the token is for another room")
        if not int(claims["nbf"]) <= moment < int(claims["exp"]):
            raise jwt.ExpiredSignatureError("the token is not valid at this time")
        return claims

    def join(self, appointment: Appointment, *, moderator: bool) -> Join:
        token = self.token(appointment, moderator=moderator)
        return Join(
            url=f"https://{self.domain}/{appointment.video_room}?jwt={token}",
            dial_in=_dial_in(),
            pin=appointment.dial_in_pin,
        )


def video_provider() -> VideoProvider:
    name = getattr(settings, "APPOINTMENTS_VIDEO_PROVIDER", "file")
    if name == "jitsi":
        return JitsiVideoProvider(
            domain=getattr(settings, "JITSI_DOMAIN", ""),
            app_id=getattr(settings, "JITSI_APP_ID", ""),
            app_secret=getattr(settings, "JITSI_APP_SECRET", ""),
        )
    if name == "file":
        return FileVideoProvider()
    raise ImproperlyConfigured(f"APPOINTMENTS_VIDEO_PROVIDER {name!r}: expected file or jitsi")
