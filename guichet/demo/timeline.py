"""The life of one synthetic case, written as the case services would have written it.

A case is received (steps laid out, the first in progress, two events), its steps then move
one by one along the moves of guichet.cases.transitions, and it is decided the way
`case_decide` does it: the open steps before the decision step become not applicable, the
decision step is completed, a decided event closes the history. The whole life is simulated,
then cut at the as-of moment: what had not happened by then is not written, which leaves an
inventory of open cases, some waiting on the client.

Times are integer seconds since the Unix epoch (UTC). Officers work business hours, Eastern
time; online clients act at any hour.
"""

import contextlib
import math
from dataclasses import dataclass
from random import Random

from guichet.demo import notes as demo_notes
from guichet.demo import profiles as p

DAY = 86_400
EASTERN = 5 * 3600  # EST; summer hours are off by one, which nobody reading a timeline sees
DECISION_STEP = "final-decision"
NOT_STARTED, IN_PROGRESS, ACTION_REQUIRED = "not_started", "in_progress", "action_required"
COMPLETED, NOT_APPLICABLE = "completed", "not_applicable"
CLOSED = (COMPLETED, NOT_APPLICABLE)
APPROVED, REFUSED, WITHDRAWN = "approved", "refused", "withdrawn"
VISA_SERVICES = frozenset({"visitor-visa", "study-permit", "work-permit", "super-visa"})

# (at, kind, step_type_id, old_state, new_state, decision, client_note)
Event = tuple[int, str, int | None, str, str, str, str]


@dataclass
class CaseLife:
    states: list[str]
    updated: list[int]
    events: list[Event]
    decision: str  # "" while open
    decided_at: int | None


class _Cut(Exception):
    """The next change would happen after the as-of moment."""


def business(t: int, rng: Random) -> int:
    """The first moment an officer would act at or after `t`: weekdays, 8:00 to 17:00."""
    day, secs = divmod(t - EASTERN, DAY)
    weekday = (day + 3) % 7  # 1970-01-01 was a Thursday; Monday is 0
    if weekday >= 5:
        day += 7 - weekday
        secs = 28_800 + int(rng.random() * 10_800)
    elif secs < 28_800:
        secs = 28_800 + int(rng.random() * 7_200)
    elif secs >= 61_200:
        day += 1 if weekday < 4 else 3
        secs = 28_800 + int(rng.random() * 10_800)
    return day * DAY + secs + EASTERN


class _Writer:
    """Applies moves to the steps and appends events, refusing to write past the as-of."""

    __slots__ = ("anchor", "decided_at", "decision", "events", "ids", "last", "states", "updated")

    def __init__(self, ids: list[int], received: int, anchor: int) -> None:
        n = len(ids)
        self.ids = ids
        self.anchor = anchor
        self.states = [IN_PROGRESS] + [NOT_STARTED] * (n - 1)
        self.updated = [received] * n
        self.events: list[Event] = [
            (received, "received", None, "", "", "", ""),
            (received, "step", ids[0], NOT_STARTED, IN_PROGRESS, "", ""),
        ]
        self.last = received
        self.decision = ""
        self.decided_at: int | None = None

    def move(self, pos: int, new: str, at: int, note: str = "") -> int:
        if at < self.last:
            at = self.last
        if at >= self.anchor:
            raise _Cut
        self.events.append((at, "step", self.ids[pos], self.states[pos], new, "", note))
        self.states[pos] = new
        self.updated[pos] = at
        self.last = at
        return at

    def decide(self, outcome: str, at: int, decision_pos: int, note: str) -> int:
        # Strictly after every earlier change, so a replay can tell the decision's own events.
        if at <= self.last:
            at = self.last + 60
        if at >= self.anchor:
            raise _Cut
        states, ids, events = self.states, self.ids, self.events
        for pos in range(decision_pos):
            if states[pos] not in CLOSED:
                events.append((at, "step", ids[pos], states[pos], NOT_APPLICABLE, "", ""))
                states[pos] = NOT_APPLICABLE
                self.updated[pos] = at
        events.append((at, "step", ids[decision_pos], states[decision_pos], COMPLETED, "", ""))
        states[decision_pos] = COMPLETED
        self.updated[decision_pos] = at
        events.append((at, "decided", None, "", "", outcome, note))
        self.last = at
        self.decision, self.decided_at = outcome, at
        return at


def _note(rng: Random, code: str, french: bool, index: int | None = None) -> str:
    choices = demo_notes.NOTES.get(code, demo_notes.GENERIC)
    pair = choices[index] if index is not None else choices[int(rng.random() * len(choices))]
    return pair[1] if french else pair[0]


def case_life(
    rng: Random,
    *,
    service: str,
    steps: list[tuple[int, str]],
    received: int,
    anchor: int,
    french: bool,
    age: int,
    online: bool,
) -> CaseLife:
    """Simulate a case from receipt to decision (and ceremony), cut at `anchor`."""
    prof = p.SERVICES[service]
    ids = [step_id for step_id, _code in steps]
    codes = [code for _id, code in steps]
    w = _Writer(ids, received, anchor)
    with contextlib.suppress(_Cut):
        _run(rng, w, prof, service, codes, received, french, age, online)
    return CaseLife(w.states, w.updated, w.events, w.decision, w.decided_at)


def _outcome(rng: Random, prof: p.ServiceProfile) -> str:
    r = rng.random()
    return REFUSED if r < prof.refused else WITHDRAWN if r < prof.refused + prof.withdrawn else ""


def _skipped(rng: Random, prof: p.ServiceProfile, code: str, service: str, age: int) -> bool:
    if code in ("language", "knowledge-test") and service == "citizenship-grant":
        low, high = p.CITIZENSHIP_TEST_AGES
        return not low <= age <= high
    if code == "biometrics" and (age < 14 or age > 79):
        return True
    chance = prof.skip.get(code, p.step_profile(code).skip)
    return chance > 0 and rng.random() < chance


def _run(
    rng: Random,
    w: _Writer,
    prof: p.ServiceProfile,
    service: str,
    codes: list[str],
    received: int,
    french: bool,
    age: int,
    online: bool,
) -> None:
    random = rng.random
    decision_pos = codes.index(DECISION_STEP) if DECISION_STEP in codes else len(codes) - 1
    outcome = _outcome(rng, prof)
    if service == "eta" and not outcome and random() < p.ETA_AUTOMATIC:
        _eta_automatic(rng, w, codes, received, decision_pos)
        return

    skipped = [
        pos < decision_pos and pos > 0 and _skipped(rng, prof, code, service, age)
        for pos, code in enumerate(codes)
    ]
    total = prof.median_days * DAY * math.exp(prof.sigma * rng.gauss(0.0, 1.0))
    weights = [
        0.0 if skip else p.step_profile(code).weight
        for skip, code in zip(skipped, codes, strict=True)
    ]
    scale = total / sum(weights[: decision_pos + 1])
    durations = [weight * scale * math.exp(0.3 * rng.gauss(0.0, 1.0)) for weight in weights]

    withdraw_at = received + int(total * (0.05 + 0.85 * random())) if outcome == WITHDRAWN else 0
    refuse_pos = decision_pos
    if outcome == REFUSED and random() < 0.5:
        candidates = [
            pos for pos in range(decision_pos) if not skipped[pos] and codes[pos] in p.ASSESSMENTS
        ]
        if candidates:
            refuse_pos = candidates[int(random() * len(candidates))]

    def client_time(t: int) -> int:
        return t if online else business(t, rng)

    t = received
    for pos in range(decision_pos):
        if withdraw_at and t >= withdraw_at:
            break
        code = codes[pos]
        if skipped[pos]:
            t = w.move(pos, NOT_APPLICABLE, business(t, rng))
            continue
        kind = p.step_profile(code).kind
        duration = int(durations[pos])
        start = t if pos == 0 else w.move(pos, IN_PROGRESS, business(t, rng))
        if kind == p.CLIENT or kind == p.AUTO:
            asked = start + int(random() * (600 if kind == p.AUTO else DAY))
            first = 0 if code == "medical-exam" else None
            asked = w.move(pos, ACTION_REQUIRED, asked, _note(rng, code, french, first))
            answered = client_time(asked + int(duration * (0.3 + 0.3 * random())))
            if random() < 0.7:
                answered = w.move(pos, IN_PROGRESS, answered)
                t = w.move(pos, COMPLETED, business(max(start + duration, answered + 3600), rng))
            else:
                t = w.move(pos, COMPLETED, business(answered + 1800, rng))
        else:
            if random() < p.step_profile(code).ask:
                asked = w.move(
                    pos,
                    ACTION_REQUIRED,
                    business(start + int(duration * (0.2 + 0.3 * random())), rng),
                    _note(rng, code, french),
                )
                answered = client_time(asked + int(duration * (0.1 + 0.2 * random())))
                w.move(pos, IN_PROGRESS, answered)
            t = w.move(pos, COMPLETED, business(start + duration, rng))
        if pos == refuse_pos:
            break

    if outcome == WITHDRAWN:
        at = business(max(t, withdraw_at), rng)
        note = demo_notes.DECISION_NOTES[WITHDRAWN][french]
        w.decide(WITHDRAWN, at, decision_pos, note)
        return

    if outcome == "" and "medical-exam" in codes and total > 300 * DAY:
        medical = codes.index("medical-exam")
        if w.states[medical] == COMPLETED and random() < p.MEDICAL_REOPEN:
            asked = w.move(
                medical, ACTION_REQUIRED, business(t, rng), _note(rng, "medical-exam", french, 1)
            )
            answered = w.move(medical, IN_PROGRESS, client_time(asked + 20 * DAY))
            t = w.move(medical, COMPLETED, business(answered + 7 * DAY, rng))

    duration = int(durations[decision_pos])
    start = w.move(decision_pos, IN_PROGRESS, business(t, rng))
    if outcome == "" and service in VISA_SERVICES and random() < 0.3:
        asked = w.move(
            decision_pos,
            ACTION_REQUIRED,
            business(start + 3600, rng),
            _note(rng, DECISION_STEP, french),
        )
        w.move(decision_pos, IN_PROGRESS, client_time(asked + int(duration * 0.5 + 3 * DAY)))
    outcome = outcome or APPROVED
    note = demo_notes.DECISION_NOTES[REFUSED][french] if outcome == REFUSED else ""
    decided = w.decide(
        outcome, business(max(start + duration, w.last + 3600), rng), decision_pos, note
    )
    if outcome == APPROVED and decision_pos < len(codes) - 1:
        _ceremony(rng, w, codes, decision_pos + 1, decided, french)


def _eta_automatic(
    rng: Random, w: _Writer, codes: list[str], received: int, decision_pos: int
) -> None:
    """Decided by the automated screening within minutes, day or night."""
    t = w.move(0, COMPLETED, received + 30 + int(rng.random() * 210))
    for pos in range(1, decision_pos):
        t = w.move(pos, NOT_APPLICABLE, t + 1)
    t = w.move(decision_pos, IN_PROGRESS, t + 1)
    w.decide(APPROVED, t + 5 + int(rng.random() * 55), decision_pos, "")


def _ceremony(
    rng: Random, w: _Writer, codes: list[str], pos: int, decided: int, french: bool
) -> None:
    """The oath ceremony comes after an approval: scheduled, then invitation, then oath."""
    random = rng.random
    scheduled = w.move(pos, IN_PROGRESS, business(decided + int((10 + 30 * random()) * DAY), rng))
    invited = w.move(
        pos,
        ACTION_REQUIRED,
        business(scheduled + int((10 + 20 * random()) * DAY), rng),
        _note(rng, codes[pos], french),
    )
    w.move(pos, COMPLETED, business(invited + int((14 + 26 * random()) * DAY), rng))
