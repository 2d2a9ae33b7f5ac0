"""Which cases the agent has verified the caller of, in this interaction: server-side state.

The agent desktop used to carry "verified" as a `?verified=1` query flag, which anyone could
type, and opened the case without it. Now the verification is kept in the agent's session (on
the server, never in the address): set when the caller search finds the case with the
identifier and the date of birth, when the agent takes a call the phone line identified, or
when the agent opens a web question (the client signed in to ask it). The case page, and what
is recorded from it, are refused for any other case. A new verification replaces the last one
(one caller at a time), and it lapses after `VERIFIED_FOR`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Literal

from django.http import HttpRequest

from guichet.core import clock

SESSION_KEY = "contact_caller_verified"
# Long enough for a long call and its notes, short enough that yesterday's caller is not open.
VERIFIED_FOR = dt.timedelta(hours=1)

How = Literal["agent", "phone_line", "enquiry"]


def caller_verified_set(request: HttpRequest, *, case_ids: Iterable[int], how: How) -> None:
    """This interaction's caller is verified for these cases (and no others)."""
    request.session[SESSION_KEY] = {
        "cases": sorted({int(case_id) for case_id in case_ids}),
        "how": how,
        "at": clock.now().isoformat(),
    }


def caller_verified_how(request: HttpRequest, *, case_id: int) -> How | None:
    """How the caller was verified for this case in this interaction, or None if not."""
    state = request.session.get(SESSION_KEY)
    if not isinstance(state, dict) or case_id not in state.get("cases", []):
        return None
    try:
        at = dt.datetime.fromisoformat(state["at"])
    except (KeyError, TypeError, ValueError):
        return None
    if clock.now() - at > VERIFIED_FOR:
        return None
    how = state.get("how")
    return how if how in ("agent", "phone_line", "enquiry") else None
