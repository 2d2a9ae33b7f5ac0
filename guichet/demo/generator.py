"""Blocks of synthetic clients, cases, steps and events, as rows ready for the database.

The population is cut into blocks of BLOCK cases. Block k draws from its own
random.Random("guichet-demo:<seed>:<k>") and owns fixed ranges of case and client ids, so a
block is the same whether it is made alone, in a worker process or in a batch of any size:
same seed and same as-of date, same data. Nothing here touches Django's ORM, so worker
processes need no database connection.
"""

import bisect
import datetime as dt
import itertools
import math
import zoneinfo
from dataclasses import dataclass, field
from random import Random

from guichet.core.identifiers import (
    ONLINE,
    PAPER,
    SERIAL_MAX,
    SERIAL_MIN,
    UCI_BASE_MAX,
    UCI_BASE_MIN,
    application_number_make,
    uci_make,
)
from guichet.demo import profiles
from guichet.demo.population import Person, household_make
from guichet.demo.timeline import DAY, business, case_life

BLOCK = 1_000
CLIENTS_PER_CASE = 0.85  # the rest are second applications by people already known
HISTORY_DAYS = 3 * 365
GROWTH = 0.3  # applications grow by about a third over the three years
TIME_ZONE = zoneinfo.ZoneInfo("America/Toronto")
SERIAL_SPAN = SERIAL_MAX - SERIAL_MIN + 1
UCI_SPAN = UCI_BASE_MAX - UCI_BASE_MIN + 1

CLIENT_COLUMNS = (
    "id", "uci", "family_name", "given_names", "family_key", "given_key", "date_of_birth",
    "sex", "preferred_language", "phone", "email", "address_line", "city", "province",
    "postal_code", "country", "created_at",
)  # fmt: skip
CASE_COLUMNS = (
    "id", "application_number", "serial", "service_id", "client_id", "channel", "received_at",
    "status", "decision", "decided_at", "version", "updated_at", "applied_from",
)  # fmt: skip
# Services whose standard depends on where the client applied from (standards.definitions).
APPLIED_FROM_SERVICES = frozenset({"study-permit", "work-permit"})
STEP_COLUMNS = ("case_id", "step_type_id", "position", "state", "updated_at")
EVENT_COLUMNS = (
    "case_id", "sequence", "at", "kind", "step_type_id", "old_state", "new_state", "decision",
    "actor_id", "client_note",
)  # fmt: skip

Row = tuple[object, ...]


@dataclass(frozen=True)
class ServiceInfo:
    id: int
    code: str
    online: bool
    paper: bool
    steps: tuple[tuple[int, str], ...]  # (step type id, step type code), in order


@dataclass(frozen=True)
class Plan:
    """Everything a block needs, picklable for worker processes."""

    seed: int
    as_of: dt.date
    anchor: int  # the as-of date at 00:00 Eastern, in epoch seconds: nothing happens after it
    cases: int
    case_id_base: int
    client_id_base: int
    services: tuple[ServiceInfo, ...]
    serial_step: int
    serial_offset: int
    uci_step: int
    uci_offset: int
    taken_serials: frozenset[int] = field(default=frozenset())
    taken_ucis: frozenset[int] = field(default=frozenset())

    @property
    def blocks(self) -> int:
        return math.ceil(self.cases / BLOCK)


@dataclass
class Block:
    index: int
    clients: list[Row]
    cases: list[Row]
    steps: list[Row]
    events: list[Row]


def _coprime(rng: Random, span: int) -> int:
    while True:
        step = span // 3 + int(rng.random() * (span // 3))
        if math.gcd(step, span) == 1:
            return step


def plan_make(
    *,
    seed: int,
    as_of: dt.date,
    cases: int,
    case_id_base: int,
    client_id_base: int,
    services: tuple[ServiceInfo, ...],
    taken_serials: frozenset[int] = frozenset(),
    taken_ucis: frozenset[int] = frozenset(),
) -> Plan:
    """Fix the numbering: serials and UCIs are a permutation of the index, keyed by the seed."""
    rng = Random(f"guichet-demo:{seed}:numbers")
    midnight = dt.datetime.combine(as_of, dt.time(), tzinfo=TIME_ZONE)
    return Plan(
        seed=seed,
        as_of=as_of,
        anchor=int(midnight.timestamp()),
        cases=cases,
        case_id_base=case_id_base,
        client_id_base=client_id_base,
        services=tuple(s for s in services if s.code in profiles.SERVICES),
        serial_step=_coprime(rng, SERIAL_SPAN),
        serial_offset=int(rng.random() * SERIAL_SPAN),
        uci_step=_coprime(rng, UCI_SPAN),
        uci_offset=int(rng.random() * UCI_SPAN),
        taken_serials=taken_serials,
        taken_ucis=taken_ucis,
    )


class _Clock:
    """Epoch seconds to the text the database stores, with a cache per day."""

    def __init__(self, suffix: str) -> None:
        self.suffix = suffix
        self.days: dict[int, str] = {}
        self.times = [
            f"{s // 3600:02d}:{s // 60 % 60:02d}:{s % 60:02d}{suffix}" for s in range(DAY)
        ]

    def __call__(self, t: int) -> str:
        day, secs = divmod(t, DAY)
        text = self.days.get(day)
        if text is None:
            text = self.days[day] = (dt.date(1970, 1, 1) + dt.timedelta(days=day)).isoformat() + " "
        return text + self.times[secs]


_CLOCKS: dict[str, _Clock] = {}


def _clock(suffix: str) -> _Clock:
    clock = _CLOCKS.get(suffix)
    if clock is None:
        clock = _CLOCKS[suffix] = _Clock(suffix)
    return clock


def _received(rng: Random, plan: Plan) -> int:
    """A moment in the three years before the as-of, more often lately."""
    u = rng.random()
    x = (math.sqrt(1 + GROWTH * (2 + GROWTH) * u) - 1) / GROWTH
    return plan.anchor - HISTORY_DAYS * DAY + int(x * HISTORY_DAYS * DAY)


def block_generate(plan: Plan, index: int, *, time_suffix: str = "") -> Block:
    """Block `index`: its clients, cases, steps and events, with ids and numbers allocated."""
    rng = Random(f"guichet-demo:{plan.seed}:{index}")
    random = rng.random
    ts = _clock(time_suffix)
    first_case = index * BLOCK
    n_cases = min(BLOCK, plan.cases - first_case)
    n_clients = max(1, round(n_cases * CLIENTS_PER_CASE))
    first_client = index * round(BLOCK * CLIENTS_PER_CASE)
    by_code = {s.code: s for s in plan.services}
    codes = [s.code for s in plan.services]
    cum = list(itertools.accumulate(profiles.SERVICES[c].weight for c in codes))

    clients: list[Row] = []
    people: list[tuple[int, Person, int, bool]] = []  # client id, person, created, in Canada
    cases: list[Row] = []
    steps: list[Row] = []
    events: list[Row] = []

    def add_case(
        person: Person, client_id: int, service: ServiceInfo, received: int, in_canada: bool
    ) -> int:
        """Append the case, its steps and its events; return when it was received."""
        prof = profiles.SERVICES[service.code]
        if service.online and service.paper:
            online = random() < prof.online_share
        else:
            online = service.online
        if not online:
            received = business(received, rng)
            if received >= plan.anchor:
                received = plan.anchor - DAY + 3600 * 9
        case_index = first_case + len(cases)
        case_id = plan.case_id_base + case_index
        serial = _serial(plan, case_index)
        life = case_life(
            rng,
            service=service.code,
            steps=list(service.steps),
            received=received,
            anchor=plan.anchor,
            french=person.language == "fr",
            age=person.age,
            online=online,
        )
        decided = life.decided_at
        cases.append(
            (
                case_id,
                application_number_make(ONLINE if online else PAPER, serial),
                serial,
                service.id,
                client_id,
                "online" if online else "paper",
                ts(received),
                "decided" if life.decision else "in_progress",
                life.decision,
                ts(decided) if decided is not None else None,
                len(life.events),
                ts(life.events[-1][0]),
                ("inside" if in_canada else "outside")
                if service.code in APPLIED_FROM_SERVICES
                else "",
            )
        )
        for position, (step, state, updated) in enumerate(
            zip(service.steps, life.states, life.updated, strict=True), start=1
        ):
            steps.append((case_id, step[0], position, state, ts(updated)))
        for sequence, (at, kind, step_type, old, new, decision, note) in enumerate(
            life.events, start=1
        ):
            events.append(
                (case_id, sequence, ts(at), kind, step_type, old, new, decision, None, note)
            )
        return received

    while len(cases) < n_cases:
        if len(people) < n_clients:
            service = by_code[codes[bisect.bisect(cum, random() * cum[-1])]]
            prof = profiles.SERVICES[service.code]
            size = 1 + bisect.bisect(list(itertools.accumulate(prof.family)), random())
            size = min(size, len(prof.family), n_clients - len(people), n_cases - len(cases))
            in_canada = random() < prof.in_canada
            received = _received(rng, plan)
            household = household_make(
                rng,
                size=size,
                ages=prof.ages,
                in_canada=in_canada,
                eta=service.code == "eta",
                received=received,
            )
            for member, person in enumerate(household):
                client_index = first_client + len(people)
                client_id = plan.client_id_base + client_index
                applied = add_case(person, client_id, service, received + member * 60, in_canada)
                clients.append(_client_row(plan, client_id, client_index, person, ts(applied)))
                people.append((client_id, person, applied, in_canada))
        else:
            # A second application by someone already known (a permit, then a PR card…).
            client_id, person, created, in_canada = people[int(random() * len(people))]
            if in_canada:
                follow_ups = profiles.FOLLOW_UPS_IN_CANADA if person.age >= 18 else {"pr-card": 1}
            else:
                follow_ups = profiles.FOLLOW_UPS_ABROAD if person.age >= 18 else {"eta": 1}
            choices = [code for code in follow_ups if code in by_code]
            service = by_code[rng.choices(choices, [follow_ups[c] for c in choices])[0]]
            received = created + int((plan.anchor - created) * (0.2 + 0.79 * random()))
            add_case(person, client_id, service, received, in_canada)
    return Block(index, clients, cases, steps, events)


def _serial(plan: Plan, index: int) -> int:
    while True:
        serial = SERIAL_MIN + (plan.serial_step * index + plan.serial_offset) % SERIAL_SPAN
        if serial not in plan.taken_serials:
            return serial
        index += plan.cases  # beyond every index of this run: cannot collide with another case


def _client_row(plan: Plan, client_id: int, index: int, person: Person, created: str) -> Row:
    span_index = index
    while True:
        base = UCI_BASE_MIN + (plan.uci_step * span_index + plan.uci_offset) % UCI_SPAN
        if base not in plan.taken_ucis:
            break
        span_index += plan.blocks * BLOCK
    return (
        client_id,
        uci_make(base),
        person.family_name,
        person.given_names,
        person.family_key,
        person.given_key,
        person.date_of_birth,
        person.sex,
        person.language,
        person.phone,
        person.email,
        person.address_line,
        person.city,
        person.province,
        person.postal_code,
        person.country,
        created,
    )
