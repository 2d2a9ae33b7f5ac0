"""Building cases with explicit dates through the real case services."""

import datetime as dt
from zoneinfo import ZoneInfo

from guichet.cases.models import Case
from guichet.cases.services import case_decide, case_step_update
from guichet.testing.factories import case_make

TORONTO = ZoneInfo("America/Toronto")


def at(date: str, hour: int = 12) -> dt.datetime:
    """Noon (by default) in Toronto on an ISO date: far from any day boundary."""
    return dt.datetime.combine(dt.date.fromisoformat(date), dt.time(hour), tzinfo=TORONTO)


def received(date: str, service_code: str = "spouse-in-canada", channel: str = "") -> Case:
    channel = channel or ("online" if service_code in ONLINE_ONLY else "paper")
    return case_make(service_code=service_code, channel=channel, received_at=at(date))


ONLINE_ONLY = {"express-entry", "visitor-visa", "study-permit", "work-permit", "eta"}


def step(case: Case, code: str, state: str, date: str) -> None:
    note = "Send us the missing form." if state == "action_required" else ""
    case_step_update(
        case_id=case.pk, step_code=code, state=state, actor=None, client_note=note, at=at(date)
    )


def decide(case: Case, date: str, outcome: str = "refused") -> None:
    case_decide(case_id=case.pk, outcome=outcome, actor=None, at=at(date))


def pause(case: Case, start: str, end: str, code: str = "completeness-check") -> None:
    """The step waits on the client from `start` to `end` (then is back in progress)."""
    step(case, code, "action_required", start)
    step(case, code, "in_progress", end)


def decided_case(received_on: str, decided_on: str, service_code: str = "spouse-in-canada") -> Case:
    case = received(received_on, service_code)
    decide(case, decided_on)
    return case


def steady_visa_queue(first: str, days: int, wait: int, until: str) -> list[Case]:
    """One visitor visa received a day from `first`, each decided `wait` days later when that
    is on or before `until`: a queue whose every answer is known."""
    start = dt.date.fromisoformat(first)
    last = dt.date.fromisoformat(until)
    cases = []
    for offset in range(days):
        case = received((start + dt.timedelta(days=offset)).isoformat(), "visitor-visa")
        cases.append(case)
        decided_on = start + dt.timedelta(days=offset + wait)
        if decided_on <= last:
            decide(case, decided_on.isoformat())
    return cases
