"""The backtest replays a queue whose answers are known, and says when it cannot."""

import datetime as dt

import numpy as np
import pytest
from django.core.management import CommandError, call_command
from django.test import Client, override_settings

from guichet.catalogue.selectors import service_get
from guichet.standards.backtest import Slowdown, backtest_run
from guichet.standards.days import date_of, day_of
from guichet.standards.extract import Ends
from guichet.standards.models import BacktestReport
from guichet.standards.refresh import snapshot_refresh
from guichet.standards.tests.helpers import steady_visa_queue
from guichet.testing.factories import staff_make

pytestmark = pytest.mark.django_db


@override_settings(STANDARDS_FORECAST_MIN_CALIBRATION=5)
def test_backtest_scores_the_model_and_the_naive_estimate(capsys):
    steady_visa_queue("2026-01-01", 181, 10, "2026-06-30")
    result = backtest_run(as_of=dt.date(2026, 5, 31))
    visa = next(row for row in result.rows if row.service_code == "visitor-visa")
    # Open on 31 May: received 22–31 May, each decided 10 days after receipt. The curve
    # learnt on the window says exactly that: a case open for a days has 10 − a days left,
    # so both the p50 and the p80 dates are right to the day.
    assert (visa.open_at_t, visa.scored, visa.open_ended) == (10, 10, 0)
    assert (visa.coverage_p50, visa.coverage_p80, visa.mae_p50) == (1.0, 1.0, 0)
    # Published at T: every decision took 10 days, so receipt + 10 is exactly right too: in
    # a steady queue without a backlog, the naive figure is as good as it gets.
    assert visa.naive_coverage_p80 == 1.0 and visa.naive_mae_p50 == 0
    # Received 1–28 June, each decided in 10 days: the forward p80 (10 days) held for all
    # whose date has passed by 30 June (received by 20 June).
    assert (visa.forward_scored, visa.forward_coverage_p80) == (20, 1.0)
    assert result.data_until == dt.date(2026, 6, 30)
    assert result.total.open_at_t == 10

    call_command("standards_backtest", "--as-of", "2026-05-31", "--save")
    out = capsys.readouterr().out
    assert "p80 cover" in out and "visitor-visa" in out and "100%" in out
    assert "Target for the p80 coverage: 75% to 85%" in out
    report = BacktestReport.objects.get()
    assert report.data[0]["as_of"] == "2026-05-31"

    # The managers' dashboard publishes the track record beside the forecasts.
    snapshot_refresh(as_of=dt.date(2026, 6, 30), forecast=False)
    client = Client()
    client.force_login(staff_make("manager"))
    page = client.get("/en/staff/standards/").content.decode()
    assert "How far the forecasts can be trusted" in page and "from 2026-05-31" in page


def lives(received: np.ndarray, wait: int) -> Ends:
    n = len(received)
    return Ends(
        case_id=np.arange(1, n + 1),
        service_id=np.full(n, service_get(code="visitor-visa").pk, dtype=np.int32),
        received_day=received.astype(np.int32),
        ended_day=(received + wait).astype(np.int32),
        withdrawn=np.zeros(n, dtype=bool),
    )


@override_settings(STANDARDS_FORECAST_MIN_EXPECTED=20)
def test_a_slowdown_before_the_freeze_is_caught_and_one_after_it_is_not():
    """Two visitor visas a day, each decided in 10 days, for 300 days. Halving the pace 28
    days before T shows in the recent decisions: flagged and widened. Halving it from T on
    cannot be seen at T, and the p80 then holds for far fewer than 80% — what the dashboard
    must show, rather than hide."""
    t = day_of(dt.date(2026, 3, 1))
    received = np.repeat(np.arange(t - 299, t + 60), 2)
    world = lives(received, 10)
    until = t + 60
    normal = backtest_run(as_of=date_of(t), world=world, until=until)
    visa = next(row for row in normal.rows if row.service_code == "visitor-visa")
    assert visa.coverage_p80 == 1.0 and not visa.slowed

    before = backtest_run(
        as_of=date_of(t), world=world, until=until, slowdown=Slowdown("visitor-visa", -28)
    )
    row = next(row for row in before.rows if row.service_code == "visitor-visa")
    assert row.slowed and row.pace_ratio is not None and row.pace_ratio < 0.75
    after = backtest_run(
        as_of=date_of(t), world=world, until=until, slowdown=Slowdown("visitor-visa", 0)
    )
    row = next(row for row in after.rows if row.service_code == "visitor-visa")
    assert not row.slowed and row.coverage_p80 is not None and row.coverage_p80 < 0.5
    assert after.slowed_service == "visitor-visa" and "÷2" in after.scenario


def test_backtest_refuses_a_date_with_nothing_after_it():
    steady_visa_queue("2026-01-01", 20, 5, "2026-01-30")
    with pytest.raises(CommandError, match="Nothing has been decided after"):
        call_command("standards_backtest", "--as-of", "2026-02-15")
    with pytest.raises(CommandError, match="must be a date"):
        call_command("standards_backtest", "--as-of", "soon")


def test_refresh_command(capsys):
    steady_visa_queue("2026-01-01", 20, 5, "2026-01-30")
    call_command("standards_refresh", "--as-of", "2026-01-31", "--rebuild-clocks")
    out = capsys.readouterr().out
    assert "Rebuilt 20 case clocks" in out and "as of 2026-01-31" in out
    with pytest.raises(CommandError):
        call_command("standards_refresh", "--as-of", "31/01/2026")
    with pytest.raises(CommandError, match="future"):
        call_command("standards_refresh", "--as-of", "2999-01-01")
