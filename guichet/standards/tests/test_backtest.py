"""The backtest replays a queue whose answers are known, and says when it cannot."""

import datetime as dt

import pytest
from django.core.management import CommandError, call_command
from django.test import override_settings

from guichet.standards.backtest import backtest_run
from guichet.standards.tests.helpers import steady_visa_queue

pytestmark = pytest.mark.django_db


@override_settings(STANDARDS_FORECAST_MIN_CALIBRATION=5)
def test_backtest_scores_the_model_and_the_naive_estimate(capsys):
    steady_visa_queue("2026-01-01", 181, 10, "2026-06-30")
    result = backtest_run(as_of=dt.date(2026, 5, 31))
    visa = next(row for row in result.rows if row.service_code == "visitor-visa")
    # Open on 31 May: received 22–31 May, each decided 10 days after receipt, by 10 June.
    assert (visa.open_at_t, visa.scored) == (10, 10)
    # Ten cases were open at the calibration date, too few for more than one bin: every case
    # gets that bin's percentiles of the waits 1…10 days, p50 = 5 and p80 = 8. So the p80
    # covers 8 of 10, and the p50 errs by 4, 3, 2, 1, 0, 1, 2, 3, 4, 5 days: median 2.5.
    assert (visa.coverage_p80, visa.mae_p50) == (0.8, 2.5)
    # Published at T: every decision took 10 days, so receipt + 10 is exactly right: in a
    # steady queue without a backlog, the naive figure is as good as it gets.
    assert visa.naive_coverage_p80 == 1.0 and visa.naive_mae_p50 == 0
    assert result.data_until == dt.date(2026, 6, 30)
    assert result.total.open_at_t == 10

    call_command("standards_backtest", "--as-of", "2026-05-31")
    out = capsys.readouterr().out
    assert "p80 cover" in out and "visitor-visa" in out and "80%" in out
    assert "Target for the p80 coverage: 75% to 85%" in out


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
