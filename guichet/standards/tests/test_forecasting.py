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
from guichet.standards.extract import OPEN, History, OpenCases
from guichet.standards.figures import Figures, Percentiles
from guichet.standards.forecasting import forecasts_run, model_fit, predict
from guichet.standards.models import CaseForecast
from guichet.standards.refresh import snapshot_refresh
from guichet.standards.selectors import at_risk_list, case_estimate_get
from guichet.standards.tests.helpers import decide, received, steady_visa_queue
from guichet.status.types import DecisionEstimate
from guichet.testing.factories import staff_make

pytestmark = pytest.mark.django_db
T = day_of(dt.date(2026, 6, 30))


def steady_queue(days: int = 400, wait: int = 10) -> tuple[History, dict[int, np.ndarray], int]:
    """One visitor visa received a day, each decided exactly `wait` days later (FIFO)."""
    service = service_get(code="visitor-visa")
    received_day = np.arange(T - days + 1, T + 1, dtype=np.int32)
    decided_day = received_day + wait
    history = History(
        case_id=np.arange(1, days + 1),
        service_id=np.full(days, service.pk, dtype=np.int32),
        received_day=received_day,
        decided_day=np.where(decided_day > T, OPEN, decided_day).astype(np.int32),
    )
    first = T - days
    daily = np.zeros(days + 1, dtype=np.int64)
    for day in decided_day[decided_day <= T]:
        daily[day - first] += 1
    return history, {service.pk: daily}, first


def test_a_steady_fifo_queue_is_forecast_to_within_a_day():
    """One case received a day, each decided exactly 100 days later: 100 open at T, and the
    case q-th in line is decided in q days. Calibration bins hold 10 cases each, so estimates
    are exact to a day away from the very front of the queue, and the p80 always covers."""
    service = service_get(code="visitor-visa")
    history, daily, first = steady_queue(days=500, wait=100)
    models = model_fit(
        as_of_day=T, services=[service], history=history, daily=daily, daily_first_day=first
    )
    model = models[service.pk]
    assert model.usable and model.throughput_per_day == pytest.approx(1.0)
    assert model.censored_share == 0 and model.calibration_size == 100
    still_open = history.decided_day == OPEN
    n = int(still_open.sum())
    assert n == 100
    open_cases = OpenCases(
        case_id=history.case_id[still_open],
        service_id=history.service_id[still_open],
        received_day=history.received_day[still_open],
        step_position=np.ones(n, dtype=np.int32),
        step_type_id=np.full(n, -1, dtype=np.int32),
        paused_days=np.zeros(n, dtype=np.int32),
        problem=np.zeros(n, dtype=bool),
    )
    result = predict(open_cases=open_cases, models=models)
    assert list(result.queue_position) == list(range(1, n + 1))
    true_wait = open_cases.received_day[result.order].astype(int) + 100 - T
    assert list(true_wait) == list(range(1, n + 1))  # the oldest is next
    errors = np.abs(result.p50 - true_wait)
    assert errors[10:].max() <= 1
    assert (result.p80 >= true_wait).all() and (result.p80 >= result.p50).all()
    # An application received today joins the end of the queue: 101st in line.
    forward = model.forward(n)
    assert forward.p50 is not None and abs(forward.p50 - 101) <= 1
    assert forward.p80 is not None and forward.p80 >= 101


def test_no_decisions_means_no_forecast_rather_than_a_guess():
    service = service_get(code="visitor-visa")
    history, _daily, first = steady_queue()
    models = model_fit(
        as_of_day=T, services=[service], history=history, daily={}, daily_first_day=first
    )
    assert models[service.pk].reason == figures.NO_THROUGHPUT
    assert models[service.pk].forward(10) == Percentiles()


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
