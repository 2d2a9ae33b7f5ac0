"""Client sessions: ended by "sign out everywhere", and after a while without a request."""

from collections.abc import Callable

from django.conf import settings
from django.contrib.auth import logout
from django.http import HttpRequest, HttpResponse

from guichet.accounts.models import ClientAccount
from guichet.core import clock

# Set at sign-in in a client's session: the account's epoch then, when it began, and when we
# last saw it.
EPOCH_KEY = "accounts_epoch"
STARTED_KEY = "accounts_started"
SEEN_KEY = "accounts_seen"
# The idle clock is moved forward (a session write) at most this often.
SEEN_RESOLUTION = 60


def client_session_start(request: HttpRequest, account: ClientAccount) -> None:
    """Mark a freshly signed-in session as a client's (call right after `login`)."""
    now = int(clock.now().timestamp())
    request.session[EPOCH_KEY] = account.session_epoch
    request.session[STARTED_KEY] = now
    request.session[SEEN_KEY] = now
    request.session.set_expiry(settings.ACCOUNTS_SESSION_IDLE_SECONDS)


class ClientSessionMiddleware:
    """Sign out a client session whose account was signed out everywhere since it began, or
    that began longer than SESSION_COOKIE_AGE ago (activity keeps the idle clock going, not
    this one).

    Staff sessions and anonymous requests (the public API) carry no epoch and cost nothing.
    A client session costs one indexed query per request.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        session = getattr(request, "session", None)
        epoch = session.get(EPOCH_KEY) if session is not None else None
        if epoch is not None and session is not None:
            current = (
                ClientAccount.objects.filter(user_id=session.get("_auth_user_id"))
                .values_list("session_epoch", flat=True)
                .first()
            )
            now = int(clock.now().timestamp())
            too_old = now - int(session.get(STARTED_KEY, 0)) > settings.SESSION_COOKIE_AGE
            if current != epoch or too_old:
                logout(request)
            elif now - int(session.get(SEEN_KEY, 0)) >= SEEN_RESOLUTION:
                # Saving the session pushes its expiry (set_expiry at sign-in) forward.
                session[SEEN_KEY] = now
        return self.get_response(request)
