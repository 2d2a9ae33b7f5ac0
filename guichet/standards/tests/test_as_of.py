"""Figures as of a past date on a live database: the cases as they stood then, rebuilt from
their events, and today's clocks and forecasts left as they are."""

import datetime as dt
from unittest import mock

import pytest
from django.core.management import CommandError, call_command

from guichet.standards.figures import Figures
from guichet.standards.forecasting import forecasts_run
from guichet.standards.models import CaseClock, CaseForecast
from guichet.standards.refresh import snapshot_refresh
from guichet.standards.tests.helpers import decide, received, step

pytestmark = pytest.mark.django_db
PAST = dt.date(2026, 3, 15)
TODAY = dt.date(2026, 6, 30)


def test_a_past_date_counts_the_cases_as_they_stood_then():
    """On 15 March: A (received 5 Jan, asked for a document on 20 Jan) and B (received 1 Feb)
    were open, A paused; C was received later; D had already been decided. Since then A and
    B were decided. Counted independently: 2 open, one waiting on the client."""
    a = received("2026-01-05", "spouse-in-canada")
    step(a, "completeness-check", "action_required", "2026-01-20")
    b = received("2026-02-01", "spouse-in-canada")
    d = received("2025-12-01", "spouse-in-canada")
    decide(d, "2026-02-10")
    decide(a, "2026-04-01")
    decide(b, "2026-05-01")
    c = received("2026-04-10", "spouse-in-canada")
    before = {row.case_id: (row.decided_day, row.step_type_id) for row in CaseClock.objects.all()}

    with mock.patch("guichet.core.clock.today", return_value=TODAY):
        forecasts_run(as_of=TODAY)
        forecasts_today = sorted(CaseForecast.objects.values_list("case_id", "as_of_day"))
        figures = Figures.from_json(snapshot_refresh(as_of=PAST, forecast=True).data)

    spouse = figures.service("spouse-in-canada")
    assert spouse is not None
    assert spouse.open_total == 2  # A and B; not C (received later), not D (decided)
    steps: dict[str, int] = {}
    for cell in spouse.inventory:
        steps[cell.step_code] = steps.get(cell.step_code, 0) + cell.count
    assert steps == {"completeness-check": 2}  # both waited on the check on 15 March
    assert figures.as_of == PAST
    # Today's clocks and the clients' estimates are untouched.
    after = {row.case_id: (row.decided_day, row.step_type_id) for row in CaseClock.objects.all()}
    assert after == before and c.pk in after
    assert sorted(CaseForecast.objects.values_list("case_id", "as_of_day")) == forecasts_today


def test_a_future_date_or_one_before_the_first_case_is_refused():
    received("2026-01-05", "spouse-in-canada")
    with mock.patch("guichet.core.clock.today", return_value=TODAY):
        with pytest.raises(CommandError, match="future"):
            call_command("standards_refresh", "--as-of", "2026-07-01")
        with pytest.raises(CommandError, match="before the first case"):
            call_command("standards_refresh", "--as-of", "2025-01-01")
