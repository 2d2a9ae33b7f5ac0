"""The definitions behind published figures: completions only, minimum samples everywhere,
and as-of dates the data cannot support refused with a clear message."""

import datetime as dt
import io
from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from guichet.standards import figures
from guichet.standards.figures import Figures, Percentiles
from guichet.standards.models import CaseClock, StandardsSnapshot
from guichet.standards.refresh import _forward_into, snapshot_refresh
from guichet.standards.tests.helpers import decide, received

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 3, 31)


def _visa(received_on: str, decided_on: str, outcome: str) -> None:
    decide(received(received_on, "visitor-visa"), decided_on, outcome)


def test_withdrawals_are_left_out_of_percentiles_and_compliance_and_counted_apart():
    # Ten refused in 2 to 11 days (all within the 14-day standard), and five
    # withdrawn after 30 days: counted, they would push p80 to 30 days and compliance to 67%.
    for wait in range(2, 12):
        _visa("2026-03-01", f"2026-03-{1 + wait:02d}", "refused")
    for _ in range(5):
        _visa("2026-02-20", "2026-03-22", "withdrawn")
    assert CaseClock.objects.filter(withdrawn=True).count() == 5

    visa = Figures.from_json(snapshot_refresh(as_of=AS_OF, forecast=False).data).service(
        "visitor-visa"
    )
    assert visa is not None
    assert visa.sample_size == 10
    assert visa.measured == Percentiles(6, 9, 10)
    assert (visa.decided_12m, visa.met_12m, visa.met_share) == (10, 10, 1.0)
    assert visa.withdrawn == 5 and visa.excluded == 0


def test_a_rebuilt_clock_keeps_the_withdrawal():
    from guichet.standards.clocks import clocks_rebuild

    _visa("2026-03-01", "2026-03-05", "withdrawn")
    _visa("2026-03-01", "2026-03-05", "refused")
    CaseClock.objects.update(withdrawn=False)
    assert clocks_rebuild() == 2
    assert sorted(CaseClock.objects.values_list("withdrawn", flat=True)) == [False, True]


def test_compliance_is_not_published_below_the_minimum_sample():
    # One decision within the standard: not "100% met".
    _visa("2026-03-01", "2026-03-05", "refused")
    visa = Figures.from_json(snapshot_refresh(as_of=AS_OF, forecast=False).data).service(
        "visitor-visa"
    )
    assert visa is not None
    assert visa.decided_12m == 1 and visa.met_12m == 1
    assert visa.met_share is None
    assert visa.compliance_reason == figures.SMALL_SAMPLE
    march = next(m for m in visa.compliance if m.month == "2026-03")
    assert march.decided == 1 and march.share is None


def test_no_forward_figure_where_the_measured_one_is_suppressed():
    service = figures.ServiceFigures("eta", "temporary", 3, 0.8, 56)
    service.measured_reason = figures.SMALL_SAMPLE
    _forward_into(service, {"forward": [4, 5, 6], "reason": "", "throughput_per_week": 1.0})
    assert service.forward == Percentiles()
    assert service.forward_reason == figures.SMALL_SAMPLE

    published = figures.ServiceFigures("eta", "temporary", 3, 0.8, 56)
    _forward_into(published, {"forward": [4, 5, 6], "reason": "", "throughput_per_week": 1.0})
    assert published.forward == Percentiles(4, 5, 6) and published.forward_reason == ""


def _refresh(*args: str) -> str:
    out = io.StringIO()
    with mock.patch("guichet.core.clock.today", return_value=dt.date(2026, 4, 30)):
        call_command("standards_refresh", *args, stdout=out)
    return out.getvalue()


def test_as_of_before_the_first_case_or_in_the_future_is_refused_with_a_clear_message():
    _visa("2026-03-01", "2026-03-05", "refused")
    with pytest.raises(CommandError, match="before the first case"):
        _refresh("--as-of", "2026-02-01", "--no-forecasts")
    with pytest.raises(CommandError, match="future"):
        _refresh("--as-of", "2026-05-01")
    with pytest.raises(CommandError, match="YYYY-MM-DD"):
        _refresh("--as-of", "31/03/2026")
    assert not StandardsSnapshot.objects.exists()


def test_as_of_on_an_empty_database_is_refused():
    with pytest.raises(CommandError, match="no cases yet"):
        _refresh("--as-of", "2026-03-01")


def test_a_past_as_of_with_later_events_counts_as_they_stood():
    _visa("2026-03-01", "2026-03-05", "refused")
    open_then = received("2026-03-10", "visitor-visa")
    decide(open_then, "2026-04-20", "refused")
    assert "Standards snapshot" in _refresh("--as-of", "2026-03-31")
    snapshot = StandardsSnapshot.objects.get()
    visa = Figures.from_json(snapshot.data).service("visitor-visa")
    assert visa is not None
    # On 31 March the second case was open (decided 20 April): inventory 1, one decision.
    assert visa.open_total == 1 and visa.decided_12m == 1


def test_windows_are_complete_months_and_weeks_with_the_current_one_apart():
    # As of Wednesday 15 April 2026: April is under way; the 12 months are April 2025–March 2026.
    for _ in range(10):
        _visa("2026-03-01", "2026-03-05", "refused")
    _visa("2026-04-01", "2026-04-14", "refused")  # one day in April: not a monthly share
    visa = Figures.from_json(
        snapshot_refresh(as_of=dt.date(2026, 4, 15), forecast=False).data
    ).service("visitor-visa")
    assert visa is not None
    assert (visa.compliance[0].month, visa.compliance[-1].month) == ("2025-04", "2026-03")
    assert visa.decided_12m == 10
    assert visa.partial_month is not None
    assert (visa.partial_month.month, visa.partial_month.decided) == ("2026-04", 1)
    assert visa.partial_month.share is None  # below the minimum sample
    assert visa.flows[-1].week == "2026-04-13" and visa.flows[-1].partial
    assert not any(flow.partial for flow in visa.flows[:-1])

    # On the last day of a month, that month is complete and counted; Sunday ends a week.
    visa = Figures.from_json(snapshot_refresh(as_of=dt.date(2026, 5, 31), forecast=False).data)
    shown = visa.service("visitor-visa")
    assert shown is not None and shown.partial_month is None
    assert shown.compliance[-1].month == "2026-05" and not shown.flows[-1].partial


def test_the_eta_standard_is_counted_in_hours():
    from guichet.cases.services import case_decide
    from guichet.standards.tests.helpers import at
    from guichet.testing.factories import case_make

    # Ten eTAs decided 71 hours after receipt (met) and ten after 94 hours: 3 calendar days
    # by the day count (received at 1:00 on 2 March, decided at 23:00 on 5 March), yet late.
    for decided_at in [at("2026-03-05", 0)] * 10 + [at("2026-03-05", 23)] * 10:
        eta = case_make(service_code="eta", channel="online", received_at=at("2026-03-02", 1))
        case_decide(case_id=eta.pk, outcome="refused", actor=None, at=decided_at)
    assert sorted(set(CaseClock.objects.values_list("clock_days", flat=True))) == [3]
    hours = sorted(set(CaseClock.objects.values_list("clock_hours", flat=True)))
    assert hours == [71, 94]
    shown = Figures.from_json(snapshot_refresh(as_of=AS_OF, forecast=False).data).service("eta")
    assert shown is not None
    assert (shown.decided_12m, shown.met_12m, shown.met_share) == (20, 10, 0.5)


def test_the_refresh_command_says_each_stage_with_its_counts():
    """Issue 17: `make demo` printed nothing for about a minute while the refresh ran."""
    _visa("2026-03-01", "2026-03-05", "refused")
    received("2026-04-01", "visitor-visa")
    out = _refresh()
    lines = out.splitlines()
    stages = [
        "Bringing the case clocks up to date...",
        "Forecasting 1 open cases (the longest stage)...",
        "Computing the standards figures...",
    ]
    for stage in stages:
        assert stage in lines, out
    assert [lines.index(stage) for stage in stages] == sorted(lines.index(s) for s in stages)
    assert any(line.startswith("Forecasts: ") and " open cases in " in line for line in lines)
    assert any(line.startswith("Figures: ") and line.endswith(" services.") for line in lines)
    assert lines[-1].startswith("Standards snapshot ")
    quiet = io.StringIO()
    with mock.patch("guichet.core.clock.today", return_value=dt.date(2026, 4, 30)):
        call_command("standards_refresh", "--no-forecasts", verbosity=0, stdout=quiet)
    assert "Forecasting" not in quiet.getvalue() and "Computing" not in quiet.getvalue()


def test_the_refresh_itself_prints_nothing_without_a_progress_callback(capsys):
    _visa("2026-03-01", "2026-03-05", "refused")
    seen: list[str] = []
    snapshot_refresh(as_of=dt.date(2026, 4, 30), forecast=False, progress=seen.append)
    assert seen[0] == "Bringing the case clocks up to date..." and "Forecasting" not in seen[1]
    snapshot_refresh(as_of=dt.date(2026, 4, 30), forecast=False)
    assert capsys.readouterr().out == ""
