"""Seeding a database with a synthetic population: plan, generate in workers, write in batches.

Worker processes generate batches (pure Python, no database); the main process writes them in
order, one transaction each. At most `workers + 1` batches are in flight, so memory stays flat
however many cases are asked for.
"""

import datetime as dt
import itertools
import multiprocessing
import os
import shutil
import tempfile
import time
from collections import deque
from collections.abc import Callable
from dataclasses import dataclass
from multiprocessing.pool import AsyncResult

from django.db import connection, connections
from django.db.models import Max
from tqdm import tqdm

from guichet.cases.models import Case
from guichet.catalogue.selectors import catalogue_cache_clear, catalogue_get
from guichet.clients.models import Client
from guichet.core import clock
from guichet.demo.generator import BLOCK, Block, Plan, ServiceInfo, block_generate, plan_make
from guichet.demo.writer import (
    Batch,
    Counts,
    columns_check,
    encode,
    stage,
    writer_for_connection,
)


@dataclass(frozen=True)
class SeedResult:
    cases: int
    clients: int
    steps: int
    events: int
    seconds: float

    @property
    def cases_per_second(self) -> float:
        return self.cases / self.seconds if self.seconds else 0.0

    def summary(self) -> str:
        return (
            f"Seeded {self.cases:,} cases ({self.clients:,} clients, {self.steps:,} steps, "
            f"{self.events:,} events) in {self.seconds:.1f} s: "
            f"{self.cases_per_second:,.0f} cases/s."
        )


def services_snapshot() -> tuple[ServiceInfo, ...]:
    catalogue_cache_clear()  # another process may have loaded the catalogue since
    catalogue = catalogue_get()
    return tuple(
        ServiceInfo(
            id=service.pk,
            code=service.code,
            online=service.accepts_online,
            paper=service.accepts_paper,
            steps=tuple(
                (step_id, catalogue.step_types[step_id].code)
                for step_id in catalogue.service_steps[service.pk]
            ),
        )
        for service in sorted(catalogue.services.values(), key=lambda s: s.code)
    )


def plan_for_database(*, cases: int, seed: int, as_of: dt.date) -> Plan:
    """Ids after the highest in use; serials and UCIs clear of those already issued."""
    case_max = Case.objects.aggregate(m=Max("id"))["m"] or 0
    client_max = Client.objects.aggregate(m=Max("id"))["m"] or 0
    taken_serials: frozenset[int] = frozenset()
    taken_ucis: frozenset[int] = frozenset()
    if case_max:
        taken_serials = frozenset(Case.objects.values_list("serial", flat=True).iterator())
    if client_max:
        taken_ucis = frozenset(
            int(uci[:9]) for uci in Client.objects.values_list("uci", flat=True).iterator()
        )
    return plan_make(
        seed=seed,
        as_of=as_of,
        cases=cases,
        case_id_base=case_max + 1,
        client_id_base=client_max + 1,
        services=services_snapshot(),
        taken_serials=taken_serials,
        taken_ucis=taken_ucis,
    )


# Set in each worker by the pool initializer (and in-process when workers=0).
_PLAN: Plan | None = None
_FORM = "rows"  # what a batch becomes: "rows", "copy" (PostgreSQL) or "stage" (SQLite file)
_STAGING = ""


def _init_worker(plan: Plan, form: str, staging: str) -> None:
    global _PLAN, _FORM, _STAGING
    _PLAN, _FORM, _STAGING = plan, form, staging


def _make_batch(blocks: tuple[int, ...]) -> Batch:
    assert _PLAN is not None
    suffix = "+00" if _FORM == "copy" else ""
    parts = [block_generate(_PLAN, index, time_suffix=suffix) for index in blocks]
    merged = Block(
        blocks[0],
        [row for part in parts for row in part.clients],
        [row for part in parts for row in part.cases],
        [row for part in parts for row in part.steps],
        [row for part in parts for row in part.events],
    )
    if _FORM == "copy":
        return encode(merged)
    if _FORM == "stage":
        return stage(merged, os.path.join(_STAGING, f"batch-{blocks[0]}.sqlite3"))
    return merged


def default_workers() -> int:
    return max(1, min(4, (os.cpu_count() or 2) - 1))


def seed_population(
    *,
    cases: int,
    seed: int,
    as_of: dt.date | None = None,
    batch_size: int = 10_000,
    workers: int | None = None,
    progress: bool | None = None,
    echo: Callable[[str], None] | None = None,
) -> SeedResult:
    """Add `cases` synthetic cases (with clients, steps and events) to the default database.

    Same seed, same as-of date and an empty database: the same rows, whatever the batch size
    or the number of workers. `progress=None` shows a bar on a terminal for large runs.
    """
    started = time.perf_counter()
    as_of = as_of or clock.today()
    if as_of > clock.today():
        raise ValueError("The as-of date cannot be in the future.")
    columns_check()
    plan = plan_for_database(cases=cases, seed=seed, as_of=as_of)
    # A load at least as large as what is there: rebuild indexes after, rather than maintain.
    writer = writer_for_connection(rebuild=plan.case_id_base - 1 <= cases)
    workers = default_workers() if workers is None else workers
    if connection.in_atomic_block or "fork" not in multiprocessing.get_all_start_methods():
        # Forking means closing the connection, which would end the transaction; and where
        # there is no fork (Windows), workers would have to re-import Django: generate here.
        workers = 0
    if writer.vendor == "postgresql":
        form = "copy"
    elif workers and not connection.in_atomic_block:
        form = "stage"  # ATTACH, which staging needs, is refused inside a transaction
    else:
        form = "rows"
    per_batch = max(1, batch_size // BLOCK)
    batches = [
        tuple(range(start, min(start + per_batch, plan.blocks)))
        for start in range(0, plan.blocks, per_batch)
    ]
    bar = tqdm(
        total=cases,
        unit="case",
        unit_scale=True,
        disable=(True if cases < 20_000 else None) if progress is None else not progress,
    )
    totals: list[Counts] = []

    def write(batch: Batch) -> None:
        counts = writer.write(batch)
        totals.append(counts)
        bar.update(counts.cases)

    staging = tempfile.mkdtemp(prefix="guichet-seed-") if form == "stage" else ""
    try:
        if workers == 0:
            _init_worker(plan, form, staging)
            with writer.loading():
                for blocks in batches:
                    write(_make_batch(blocks))
        else:
            # Forked workers must not inherit an open database connection.
            connections.close_all()
            context = multiprocessing.get_context("fork")
            pool = context.Pool(workers, _init_worker, (plan, form, staging))
            with pool, writer.loading():
                pending: deque[AsyncResult[Batch]] = deque()
                queue = iter(batches)
                for blocks in itertools.islice(queue, workers + 1):
                    pending.append(pool.apply_async(_make_batch, (blocks,)))
                while pending:
                    batch = pending.popleft().get()
                    for blocks in itertools.islice(queue, 1):
                        pending.append(pool.apply_async(_make_batch, (blocks,)))
                    write(batch)
    finally:
        bar.close()
        if staging:
            shutil.rmtree(staging, ignore_errors=True)
    result = SeedResult(
        cases=sum(c.cases for c in totals),
        clients=sum(c.clients for c in totals),
        steps=sum(c.steps for c in totals),
        events=sum(c.events for c in totals),
        seconds=time.perf_counter() - started,
    )
    if echo:
        echo(result.summary())
    return result
