"""The snapshot refresh: every dashboard, page and API figure in a handful of SQL aggregates.

Each query groups CaseClock rows (one per case) inside the database, so only small results
(per service and day, or per service, step and band) reach Python: the cost is a few index
scans whatever the number of cases. Percentiles come from per-service histograms of days.
"""

from __future__ import annotations

import bisect
import datetime as dt
import time
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from django.conf import settings
from django.db import transaction
from django.db.models import Case as SqlCase
from django.db.models import Count, F, IntegerField, Q, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from guichet.catalogue.models import Service
from guichet.catalogue.selectors import catalogue_get, service_list
from guichet.core import clock
from guichet.standards import figures
from guichet.standards.clocks import clocks_rebuild, clocks_sync_new
from guichet.standards.days import date_of, day_of, month_first_day, month_key, months_back
from guichet.standards.days import week_start as week_of
from guichet.standards.definitions import HOUR_STANDARDS
from guichet.standards.figures import (
    Figures,
    InventoryCell,
    MonthCompliance,
    Percentiles,
    ServiceFigures,
    WeekFlow,
)
from guichet.standards.forecasting import forecasts_run
from guichet.standards.models import CaseClock, ForecastSummary, StandardsSnapshot
from guichet.standards.percentiles import PERCENTILES, percentile_of_histogram
from guichet.standards.services import snapshot_store
from guichet.standards.windows import window_days


def _by_service(values: dict[int, int]) -> SqlCase | Value:
    """SQL: CASE service_id WHEN … THEN value END, for a per-service setting."""
    whens = [When(service_id=pk, then=Value(v)) for pk, v in values.items()]
    return SqlCase(*whens, default=Value(None), output_field=IntegerField()) if whens else Value(0)


def _band_lookup(bands: list[int]) -> Callable[[int], int]:
    """Age in days → index of its band: ≤ bands[0] is 0, …, over the last bound is len(bands)."""

    def band_of(age: int) -> int:
        return bisect.bisect_left(bands, age)

    return band_of


def figures_compute(*, as_of: dt.date) -> Figures:
    """Compute every figure as of the end of the day `as_of`."""
    today = day_of(as_of)
    services = service_list()
    catalogue = catalogue_get()
    windows = {s.pk: window_days(s) for s in services}
    hour_standards = {s.pk: HOUR_STANDARDS[s.code] for s in services if s.code in HOUR_STANDARDS}
    # Day-based standards in days; hour-based ones (the eTA's 72 hours) in hours only.
    standards = {
        s.pk: s.standard_days for s in services if s.standard_days and s.pk not in hour_standards
    }
    # The backlog of open cases is counted in whole clock days for every standard (72 hours
    # as 3 days): an open case has no decision time to count in hours.
    backlog_standards = {s.pk: s.standard_days for s in services if s.standard_days}
    bands = list(settings.STANDARDS_AGE_BANDS)
    # Windows of complete periods: the 12 calendar months that are over by the end of `today`
    # (the month under way is shown apart), and weeks Monday to Sunday (the week under way
    # is flagged partial).
    month_complete = date_of(today + 1).day == 1
    partial_month = "" if month_complete else month_key(today)
    months = months_back(today if month_complete else month_first_day(month_key(today)) - 1, 12)
    trend_weeks = max(settings.STANDARDS_TREND_WEEKS, settings.STANDARDS_FLOW_WEEKS)
    this_week = week_of(today)
    first_week = this_week - 7 * (trend_weeks - 1)
    flows_from = min(first_week, month_first_day(months[0]))

    # 1. Days from receipt to decision, per service, over each service's trailing window.
    histograms: dict[int, dict[int, int]] = defaultdict(dict)
    window_rows = (
        CaseClock.objects.filter(
            decided_day__lte=today, decided_day__gt=today - max(windows.values(), default=0)
        )
        .annotate(window=_by_service(windows), elapsed=F("decided_day") - F("received_day"))
        .filter(decided_day__gt=Value(today) - F("window"), problem="", withdrawn=False)
        .values_list("service_id", "elapsed")
        .annotate(n=Count("*"))
    )
    for service_id, elapsed, n in window_rows:
        histograms[service_id][elapsed] = n

    # 2. Decisions per service and day since the first month or week shown: compliance
    #    (clock days against the standard) and outflow.
    #    Compliance counts completions only (approved or refused); withdrawals apart.
    decided: dict[int, dict[int, tuple[int, int, int, int]]] = defaultdict(dict)
    daily_rows = (
        CaseClock.objects.filter(decided_day__gt=flows_from - 1, decided_day__lte=today)
        .annotate(standard=_by_service(standards), standard_hours=_by_service(hour_standards))
        .values_list("service_id", "decided_day")
        .annotate(
            n=Count("*"),
            readable=Count("received_day", filter=Q(problem="", withdrawn=False)),
            met=Count(
                "received_day",
                filter=Q(problem="", withdrawn=False)
                & (
                    Q(clock_days__lte=Coalesce(F("target_days"), F("standard")))
                    | Q(clock_hours__lte=F("standard_hours"))
                ),
            ),
            withdrawn=Count("received_day", filter=Q(withdrawn=True)),
        )
    )
    for service_id, day, n, readable, met, withdrawn in daily_rows:
        decided[service_id][day] = (n, readable, met, withdrawn)

    # 3. Receipts per service and day: inflow.
    received: dict[int, dict[int, int]] = defaultdict(dict)
    for service_id, day, n in (
        CaseClock.objects.filter(received_day__gt=flows_from - 1, received_day__lte=today)
        .values_list("service_id", "received_day")
        .annotate(n=Count("*"))
    ):
        received[service_id][day] = n

    # 4. Open inventory by service, step and age band, with the backlog (clock days over the
    #    standard). Open at the end of `today`: received by then, not decided by then.
    inventory: dict[int, dict[tuple[int | None, int], list[int]]] = defaultdict(dict)
    # Clock days of an open case: from the start of its clock (receipt of a complete
    # application), less its pauses; 0 while it is incomplete (the clock has not started).
    clock_age = SqlCase(
        When(started_day__isnull=True, then=Value(0)),
        default=Value(today)
        - F("started_day")
        - F("paused_days")
        - SqlCase(
            When(paused_since_day__isnull=True, then=Value(0)),
            default=Value(today) - F("paused_since_day"),
            output_field=IntegerField(),
        ),
        output_field=IntegerField(),
    )
    parts = [Q(decided_day__isnull=True)]
    if CaseClock.objects.filter(decided_day__gt=today).exists():  # only for a past as-of date
        parts.append(Q(decided_day__gt=today))
    band_of = _band_lookup(bands)
    for part in parts:
        # Grouped in the index's order (service, step, receipt day), so the database streams
        # the groups; days go into age bands here.
        rows = (
            CaseClock.objects.filter(part, received_day__lte=today)
            .annotate(standard=_by_service(backlog_standards), clock_age=clock_age)
            .values_list("service_id", "step_type_id", "received_day")
            .annotate(
                n=Count("*"),
                backlog=Count(
                    "received_day",
                    filter=Q(
                        standard__isnull=False,
                        clock_age__gt=Coalesce(F("target_days"), F("standard")),
                    ),
                ),
            )
        )
        for service_id, step_type_id, received_day, n, backlog in rows:
            band = band_of(today - received_day)
            cell = inventory[service_id].setdefault((step_type_id, band), [0, 0, 0])
            cell[0] += n
            cell[1] += backlog

    # 5. At-risk open cases from the last forecast run, by service and step.
    summary = ForecastSummary.objects.order_by("-pk").first()
    forecasts: dict[str, dict[str, Any]] = summary.data if summary else {}
    for service_key, found in forecasts.items():
        for step_key, n in found["at_risk"].items():
            _at_risk_into(inventory[int(service_key)], int(step_key) or None, n)

    result: list[ServiceFigures] = []
    overall: dict[int, int] = defaultdict(int)
    for service in services:
        result.append(
            _service_figures(
                service=service,
                histogram=histograms.get(service.pk, {}),
                decided=decided.get(service.pk, {}),
                received=received.get(service.pk, {}),
                inventory=inventory.get(service.pk, {}),
                months=months,
                partial_month=partial_month,
                first_week=first_week,
                this_week=this_week,
                today=today,
                window=windows[service.pk],
                step_codes={pk: st.code for pk, st in catalogue.step_types.items()},
                step_order=catalogue.service_steps.get(service.pk, []),
            )
        )
        for elapsed, n in histograms.get(service.pk, {}).items():
            overall[elapsed] += n
        _forward_into(result[-1], forecasts.get(str(service.pk)))

    # Decisions left out of compliance over the 12 months shown: clock unreadable
    # (excluded), or withdrawn (not a completion; counted apart).
    first_month = month_first_day(months[0])
    first_month_after = month_first_day(partial_month) if partial_month else today + 1
    for service_figures, service in zip(result, services, strict=True):
        days = [
            v
            for day, v in decided.get(service.pk, {}).items()
            if first_month <= day < first_month_after
        ]
        service_figures.excluded = sum(n - readable - wd for n, readable, _met, wd in days)
        service_figures.withdrawn = sum(wd for _n, _readable, _met, wd in days)

    overall_n = sum(overall.values())
    return Figures(
        as_of=as_of,
        age_bands=bands,
        services=result,
        overall_sample_size=overall_n,
        overall_measured=_percentiles(overall, overall_n),
        forecast_as_of=summary.as_of if summary else None,
    )


def _percentiles(histogram: dict[int, int], n: int) -> Percentiles:
    if n < settings.STANDARDS_MIN_SAMPLE:
        return Percentiles()
    return Percentiles(*(percentile_of_histogram(histogram, p) for p in PERCENTILES))


def _service_figures(
    *,
    service: Service,
    histogram: dict[int, int],
    decided: dict[int, tuple[int, int, int, int]],
    received: dict[int, int],
    inventory: dict[tuple[int | None, int], list[int]],
    months: list[str],
    partial_month: str,
    first_week: int,
    this_week: int,
    today: int,
    window: int,
    step_codes: dict[int, str],
    step_order: list[int],
) -> ServiceFigures:
    sample = sum(histogram.values())
    if sample == 0:
        reason = figures.NO_DECISIONS
    elif sample < settings.STANDARDS_MIN_SAMPLE:
        reason = figures.SMALL_SAMPLE
    else:
        reason = ""
    has_standard = bool(service.standard_days)

    by_month: dict[str, list[int]] = {m: [0, 0] for m in [*months, partial_month] if m}
    for day, (_n, readable, met, _withdrawn) in decided.items():
        key = month_key(day)
        if key in by_month:
            by_month[key][0] += readable
            by_month[key][1] += met
    by_month_figures = {
        m: MonthCompliance(
            month=m,
            decided=v[0],
            met=v[1] if has_standard else 0,
            min_sample=settings.STANDARDS_MIN_SAMPLE,
        )
        for m, v in by_month.items()
    }
    compliance = [by_month_figures[m] for m in months]

    inflow: dict[int, int] = defaultdict(int)
    outflow: dict[int, int] = defaultdict(int)
    for day, n in received.items():
        inflow[week_of(day)] += n
    for day, (n, _readable, _met, _withdrawn) in decided.items():
        outflow[week_of(day)] += n
    open_total = sum(cell[0] for cell in inventory.values())
    flows = []
    open_end = open_total
    for week in range(this_week, first_week - 1, -7):
        flows.append(
            WeekFlow(
                date_of(week).isoformat(),
                inflow[week],
                outflow[week],
                open_end,
                partial=today < week + 6,
            )
        )
        open_end = open_end - inflow[week] + outflow[week]  # open at the end of the week before
    flows.reverse()

    position = {step_type_id: i for i, step_type_id in enumerate(step_order)}
    cells = [
        InventoryCell(
            step_code=step_codes.get(step_type_id, "") if step_type_id else "",
            band=band,
            count=count,
            backlog=backlog,
            at_risk=at_risk,
        )
        for (step_type_id, band), (count, backlog, at_risk) in sorted(
            inventory.items(), key=lambda item: (position.get(item[0][0] or -1, 99), item[0][1])
        )
    ]
    return ServiceFigures(
        code=service.code,
        category=service.category,
        target_days=service.standard_days if has_standard else None,
        target_share=float(service.standard_share)
        if has_standard and service.standard_share
        else None,
        window_days=window,
        min_sample=settings.STANDARDS_MIN_SAMPLE,
        sample_size=sample,
        measured=_percentiles(histogram, sample),
        measured_reason=reason,
        compliance=compliance,
        partial_month=by_month_figures.get(partial_month),
        open_total=open_total,
        backlog=sum(cell.backlog for cell in cells),
        at_risk=sum(cell.at_risk for cell in cells),
        inventory=cells,
        flows=flows,
    )


def _forward_into(target: ServiceFigures, found: dict[str, Any] | None) -> None:
    if found is not None:
        target.forward = Percentiles(*found["forward"])
        target.forward_reason = found["reason"]
        target.throughput_per_week = found["throughput_per_week"]
        target.forward_more_than = found.get("more_than_days")
        target.pace_ratio = found.get("pace_ratio")
        target.slowed = bool(found.get("slowed"))
    if target.measured_reason:
        # The minimum sample applies to every published figure: no forward figure where the
        # measured one is suppressed.
        target.forward = Percentiles()
        target.forward_more_than = None
        target.forward_reason = target.measured_reason


def _at_risk_into(
    cells: dict[tuple[int | None, int], list[int]], step_type_id: int | None, n: int
) -> None:
    """Count at-risk cases on their step's oldest age band (the list shows the detail)."""
    keys = sorted((k for k in cells if k[0] == step_type_id), key=lambda k: -k[1])
    if keys:
        cells[keys[0]][2] += n


def changed_since(as_of: dt.date) -> list[int]:
    """Cases received by `as_of` whose clock has moved since: their rows must be rebuilt as
    they stood at the end of that day before any figure for it is computed."""
    next_day = timezone.make_aware(dt.datetime.combine(as_of + dt.timedelta(days=1), dt.time()))
    return list(
        CaseClock.objects.filter(
            received_day__lte=day_of(as_of), last_event_at__gte=next_day
        ).values_list("case_id", flat=True)
    )


def _computed_as_it_stood(as_of: dt.date, changed: list[int], *, forecast: bool) -> Figures:
    """Figures (and forecasts) for a past date on a live database: the changed cases' clock
    rows are rebuilt from their events up to that day — steps, pauses and decisions as they
    stood — inside a savepoint that is rolled back once the figures are read, so today's
    clocks and today's forecasts (the clients' estimates) are left as they were."""
    with transaction.atomic():
        savepoint = transaction.savepoint()
        try:
            clocks_rebuild(case_ids=changed, until_day=day_of(as_of))
            if forecast:
                forecasts_run(as_of=as_of)
            return figures_compute(as_of=as_of)
        finally:
            transaction.savepoint_rollback(savepoint)


def as_of_problem(*, as_of: dt.date) -> str:
    """Why figures cannot be computed honestly as of a past date, or "" when they can.

    A past date is computed from the cases as they stood then (snapshot_refresh rebuilds the
    clocks of cases changed since from their events): refused only before the first case or
    with no case at all. (A future date is refused by the caller.)
    """
    first = CaseClock.objects.order_by("received_day").values_list("received_day", flat=True)
    first_day = first.first()
    if first_day is None:
        return "There are no cases yet: nothing to compute."
    if day_of(as_of) < first_day:
        return (
            f"--as-of {as_of} is before the first case (received {date_of(first_day)}): "
            "there is nothing to measure."
        )
    return ""


Progress = Callable[[str], None]


def snapshot_refresh(
    *,
    as_of: dt.date | None = None,
    forecast: bool = True,
    progress: Progress | None = None,
) -> StandardsSnapshot:
    """Recompute every figure (and, with `forecast`, every open case's forecast first) and
    store them as the newest snapshot. What the scheduled task and `standards_refresh` run.

    `progress`, if given, receives one line per stage as it starts or ends (with its counts),
    for a person waiting at a terminal; the stages themselves are not slowed down.
    """
    started = time.perf_counter()
    as_of = as_of or clock.today()
    say = progress or (lambda line: None)
    say("Bringing the case clocks up to date...")
    added = clocks_sync_new()
    say(f"Case clocks: {added} new." if added else "Case clocks: up to date.")
    changed = changed_since(as_of)
    if changed:
        say(f"Rebuilding {len(changed)} case clocks as they stood on {as_of}...")
        computed = _computed_as_it_stood(as_of, changed, forecast=forecast)
    else:
        if forecast:
            if progress is not None:
                waiting = CaseClock.objects.filter(decided_day__isnull=True).count()
                say(f"Forecasting {waiting} open cases (the longest stage)...")
            run = forecasts_run(as_of=as_of)
            say(f"Forecasts: {run.written} open cases in {run.seconds:.1f} s.")
        say("Computing the standards figures...")
        computed = figures_compute(as_of=as_of)
    say(f"Figures: {len(computed.services)} services.")
    return snapshot_store(
        as_of=as_of,
        computed_at=clock.now(),
        seconds=round(time.perf_counter() - started, 3),
        data=computed.to_json(),
    )
