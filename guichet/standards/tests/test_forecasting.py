"""Forecasts against a queue whose answer is known, and the client's own estimate."""

import datetime as dt
from unittest import mock

import numpy as np
import pytest
from django.test import Client, override_settings

from guichet.catalogue.selectors import service_get
from guichet.core.models import AuditRecord
from guichet.standards import figures
from guichet.standards.days import date_of, day_of
from guichet.standards.figures import Figures, Percentiles
from guichet.standards.forecasting import ServiceModel, forecasts_run, service_model
from guichet.standards.models import CaseForecast
from guichet.standards.refresh import snapshot_refresh
from guichet.standards.selectors import at_risk_list, case_estimate_get
from guichet.standards.survival import OPEN, Lifetimes, remaining
from guichet.standards.tests.helpers import decide, received, steady_visa_queue
from guichet.status.types import DecisionEstimate
from guichet.testing.factories import staff_make

pytestmark = pytest.mark.django_db
T = day_of(dt.date(2026, 6, 30))


def world(received: list[int], ended: list[int], withdrawn: list[bool] | None = None) -> Lifetimes:
    return Lifetimes(
        np.array(received, dtype=np.int32),
        np.array(ended, dtype=np.int32),
        np.array(withdrawn or [False] * len(received), dtype=bool),
    )


def steady(days: int, wait: int, *, t: int = T) -> Lifetimes:
    """One case received a day for `days` days up to t, each decided exactly `wait` days
    later (whatever happens after t is in the world too: frozen_at hides it)."""
    received = list(range(t - days + 1, t + 1))
    return world(received, [r + wait for r in received])


def fit(lives: Lifetimes, window: int = 56, t: int = T) -> ServiceModel:
    return service_model(lives, service_id=1, window=window, as_of_day=t)


def test_a_steady_queue_is_forecast_to_the_day():
    """Each case decided exactly 10 days after receipt: a case open for a days has 10 − a
    days left, at every percentile; a new application takes 10 days."""
    model = fit(steady(400, 10))
    assert model.usable and model.decisions == 56
    ages = np.arange(0, 10)
    for p in (50, 80):
        found = remaining(model.curve, ages, p)
        assert list(found.days) == list(10 - ages) and not found.open_ended.any()
    assert model.forward() == (Percentiles(10, 10, 10), False)
    assert model.throughput_per_day == pytest.approx(1.0)


def test_long_waits_are_not_cut_at_a_horizon():
    """The old calibration counted every wait still open as horizon + 1 days (366): with
    waits of 500 days, a case open for 100 days must be told 400 more, not 266."""
    model = fit(steady(900, 500), window=183)
    found = remaining(model.curve, np.array([100, 300, 499]), 80)
    assert list(found.days) == [400, 200, 1]
    assert model.forward() == (Percentiles(500, 500, 500), False)


def test_withdrawals_censor_rather_than_count_as_decisions():
    """Half the cases are withdrawn on day 5, the others decided on day 10: the wait for a
    decision is 10 days. Counting withdrawals as decisions would say 5 for the p50."""
    received = list(range(T - 199, T + 1))
    ended = [r + (5 if i % 2 else 10) for i, r in enumerate(received)]
    withdrawn = [bool(i % 2) for i in range(len(received))]
    model = fit(world(received, ended, withdrawn), window=120)
    assert model.forward()[0].p50 == 10
    assert model.decisions == 60  # the window's 120 days hold 60 decisions, 60 withdrawals


def test_beyond_what_the_data_reaches_the_estimate_is_open_ended():
    """Only a few cases were ever older than 10 days: a case open for 60 days gets "more
    than …", never a precise-looking date."""
    lives = steady(400, 10)
    stuck = world([T - 60, T - 61], [OPEN, OPEN])
    both = Lifetimes(
        *(
            np.r_[a, b]
            for a, b in zip(
                (lives.received, lives.ended, lives.withdrawn),
                (stuck.received, stuck.ended, stuck.withdrawn),
                strict=True,
            )
        )
    )
    model = fit(both)
    found = remaining(model.curve, np.array([3, 60]), 80)
    assert list(found.open_ended) == [False, True]
    assert found.days[0] == 7


def test_the_survival_curve_matches_a_case_by_case_count():
    """Kaplan–Meier over the window, computed the slow way (each case, each day)."""
    rng = np.random.default_rng(7)
    n, window = 600, 60
    received = rng.integers(T - 300, T + 1, n)
    durations = rng.integers(0, 120, n)
    withdrawn = rng.random(n) < 0.1
    ended = np.where(received + durations > T, OPEN, received + durations)
    lives = Lifetimes(
        received.astype(np.int32), ended.astype(np.int32), withdrawn & (ended != OPEN)
    )
    length = T - int(received.min()) + 2
    at_risk, events = np.zeros(length), np.zeros(length)
    for r, e, w in zip(
        lives.received.tolist(), lives.ended.tolist(), lives.withdrawn.tolist(), strict=True
    ):
        for day in range(max(r, T - window + 1), T + 1):
            age = day - r
            if e != OPEN and (day > e or (w and day == e)):
                break
            at_risk[age] += 1
            if e == day and not w:
                events[age] += 1
    expected = np.cumprod(1 - np.divide(events, at_risk, out=np.zeros(length), where=at_risk > 0))
    model = fit(lives, window=window)
    assert model.curve.survival == pytest.approx(expected)


@override_settings(STANDARDS_FORECAST_SLOW_RATIO=0.75, STANDARDS_FORECAST_MIN_EXPECTED=20)
def test_a_slowdown_is_noticed_and_the_estimates_widen():
    """Decisions of the last 28 days take twice as long: the recent pace falls below 75% of
    what the window expected, the service is flagged and its estimates lengthen."""
    normal = steady(400, 10)
    start = T - 28
    late = normal.ended > start
    ended = np.where(late, start + 2 * (normal.ended - start), normal.ended).astype(np.int32)
    slowed = fit(Lifetimes(normal.received, ended, normal.withdrawn))
    assert fit(normal).curve.slowed is False
    assert slowed.curve.slowed and slowed.curve.pace_ratio is not None
    assert slowed.curve.pace_ratio < 0.75
    assert remaining(slowed.curve, np.array([2]), 80).days[0] > 8


def test_no_decisions_means_no_forecast_rather_than_a_guess():
    model = fit(world([T - 5, T - 3], [OPEN, OPEN]))
    assert model.reason == figures.NO_THROUGHPUT
    assert model.forward() == (Percentiles(), False)


@override_settings(STANDARDS_FORECAST_MIN_CALIBRATION=5)
def test_forecasts_run_writes_each_open_case_its_estimate():
    cases = steady_visa_queue("2026-01-01", 181, 10, "2026-06-30")  # 1 Jan → 30 Jun
    stuck = received("2026-05-01", "visitor-visa")  # never decided: over the 14 days

    run = forecasts_run(as_of=date_of(T))
    visa = service_get(code="visitor-visa")
    assert run.reasons[visa.pk] == ""
    assert run.written == 11  # received 21 Jun … 30 Jun, and the stuck one
    assert run.reasons[service_get(code="eta").pk] == figures.NO_THROUGHPUT

    newest = cases[-1]  # received 30 Jun: in this steady queue, decided 10 days later
    with mock.patch("guichet.core.clock.today", return_value=date_of(T)):
        estimate = case_estimate_get(case_id=newest.pk)
    assert isinstance(estimate, DecisionEstimate)
    assert estimate.as_of == date_of(T)
    assert estimate.likely_by <= estimate.most_by
    assert estimate.likely_by == dt.date(2026, 7, 10)

    risky = list(at_risk_list())
    assert [f.case_id for f in risky] == [stuck.pk]
    assert risky[0].step_type.code == "completeness-check"
    assert CaseForecast.objects.get(case_id=stuck.pk).queue_position == 1

    # The snapshot reads the run's summary: forward figures and at-risk counts by step.
    snapshot = Figures.from_json(snapshot_refresh(as_of=date_of(T), forecast=False).data)
    visa_figures = snapshot.service("visitor-visa")
    assert visa_figures is not None and snapshot.forecast_as_of == date_of(T)
    assert visa_figures.at_risk == 1 and visa_figures.forward_reason == ""
    assert visa_figures.forward.p50 is not None
    assert visa_figures.throughput_per_week == pytest.approx(7.0)

    # Managers see the case at risk, with the step it waits on; the CSV holds the same.
    client = Client()
    client.force_login(staff_make("manager"))
    page = client.get("/en/staff/standards/at-risk/").content.decode()
    assert stuck.application_number in page and "Completeness check" in page
    french = client.get("/fr/personnel/normes/dossiers-a-risque/").content.decode()
    assert "Vérification de la demande complète" in french
    csv_body = b"".join(client.get("/en/staff/standards/csv/at-risk/").streaming_content)
    lines = csv_body.decode().splitlines()
    assert len(lines) == 2 and lines[1].startswith(f"{stuck.application_number},visitor-visa,")
    assert AuditRecord.objects.filter(target_type="standards_at_risk").exists()

    # Read later, a forecast whose p80 date has passed promises nothing.
    with mock.patch("guichet.core.clock.today", return_value=estimate.most_by):
        assert case_estimate_get(case_id=newest.pk) == estimate
    later = estimate.most_by + dt.timedelta(days=1)
    with mock.patch("guichet.core.clock.today", return_value=later):
        assert case_estimate_get(case_id=newest.pk) is None

    decide(newest, "2026-06-30")
    assert case_estimate_get(case_id=newest.pk) is None  # decided: no estimate any more
    assert case_estimate_get(case_id=999_999) is None


def test_an_open_ended_estimate_is_never_shown_as_a_date():
    """A case the data does not reach is stored open-ended, and the client's page says "after"
    with the reason, in both languages; the phone line says no date at all."""
    from types import SimpleNamespace

    from django.template.loader import render_to_string
    from django.utils import translation

    case = received("2026-01-05", "visitor-visa")
    CaseForecast.objects.create(
        case=case,
        service_id=case.service_id,
        queue_position=1,
        likely_by_day=T + 60,
        most_by_day=T + 60,
        at_risk=False,
        open_ended=True,
        as_of_day=T,
    )
    with mock.patch("guichet.core.clock.today", return_value=date_of(T)):
        estimate = case_estimate_get(case_id=case.pk)
    assert estimate is not None and estimate.open_ended and estimate.beyond_a_month
    status = SimpleNamespace(estimate=estimate, decision=None, application_number="X")
    with translation.override("en"):
        english = render_to_string("accounts/_status.html", {"status": status})
    with translation.override("fr"):
        french = render_to_string("accounts/_status.html", {"status": status})
    assert "We cannot give a reliable date yet" in english and "decided by" not in english
    assert "Nous ne pouvons pas encore donner de date fiable" in french


def test_the_public_figures_say_why_the_forward_figure_differs():
    service = figures.ServiceFigures("pgp", "family", None, None, 183)
    service.measured = Percentiles(500, 700, 800)
    service.forward = Percentiles(600, 950, 1000)
    assert service.forward_differs == "longer"
    service.forward = Percentiles(500, 720, 800)
    assert service.forward_differs == ""
    service.forward, service.forward_more_than = Percentiles(), 982
    assert service.forward_differs == "longer" and service.forward_more_than_months == 32
