"""Snapshot figures against hand-computed cases, and bad input."""

import datetime as dt

import pytest
from django.test import override_settings

from guichet.standards import figures
from guichet.standards.figures import Figures, Percentiles
from guichet.standards.percentiles import percentile_of_histogram, percentile_of_values
from guichet.standards.refresh import snapshot_refresh
from guichet.standards.selectors import snapshot_latest_get
from guichet.standards.tests.helpers import decide, decided_case, pause, received, step

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 3, 31)


def test_nearest_rank_percentiles_by_hand():
    values = [10, 20, 30, 40, 50, 60, 70, 80, 90, 100]
    # rank = ceil(p × n / 100): 5th, 8th and 9th of ten.
    assert [percentile_of_values(values, p) for p in (50, 80, 90)] == [50, 80, 90]
    assert percentile_of_values([7], 90) == 7
    assert percentile_of_values([], 50) is None
    histogram = {3: 2, 5: 1, 9: 2}  # 3, 3, 5, 9, 9
    assert [percentile_of_histogram(histogram, p) for p in (50, 80, 90)] == [5, 9, 9]
    assert percentile_of_histogram({}, 80) is None


def build_visitor_visas():
    """Visitor visas (standard: 80% within 14 days; window: 8 weeks before 31 March)."""
    for received_on, decided_on in [
        ("2026-03-01", "2026-03-06"),  # 5 days
        ("2026-03-01", "2026-03-11"),  # 10 days
        ("2026-03-01", "2026-03-16"),  # 15 days: misses the standard
    ]:
        decided_case(received_on, decided_on, "visitor-visa")
    # 20 days; incomplete until the check is passed on 14 March: clock 7 (14 → 21 March).
    paused = received("2026-03-01", "visitor-visa")
    pause(paused, "2026-03-05", "2026-03-13")
    step(paused, "completeness-check", "completed", "2026-03-14")
    decide(paused, "2026-03-21")
    # Decided 15 Jan: outside the 56-day window, inside January's compliance (2 days: met).
    decided_case("2026-01-13", "2026-01-15", "visitor-visa")
    # Events out of order: left out of every measured figure, and counted as left out.
    broken = received("2026-03-02", "visitor-visa")
    step(broken, "completeness-check", "action_required", "2026-03-20")
    step(broken, "completeness-check", "in_progress", "2026-03-10")
    decide(broken, "2026-03-25")
    # Open: received 1 March (30 days old) and 1 January (89 days, of which 10 waiting now).
    received("2026-03-01", "visitor-visa")
    waiting = received("2026-01-01", "visitor-visa")
    step(waiting, "completeness-check", "action_required", "2026-03-21")


@override_settings(STANDARDS_MIN_SAMPLE=4)
def test_processing_times_compliance_and_inventory_by_hand():
    build_visitor_visas()
    snapshot = snapshot_refresh(as_of=AS_OF, forecast=False)
    data = Figures.from_json(snapshot.data)
    visa = data.service("visitor-visa")
    assert visa is not None
    assert (visa.target_days, visa.target_share, visa.window_days) == (14, 0.8, 56)
    # Gross days receipt → decision in the window: 5, 10, 15, 20 (the broken case left out).
    assert visa.sample_size == 4
    assert visa.measured == Percentiles(p50=10, p80=20, p90=20)
    assert visa.excluded == 1
    # Clock days: 5, 10, 15, 7 in March (3 met), 2 in January (met).
    months = {m.month: (m.decided, m.met) for m in visa.compliance}
    assert months["2026-03"] == (4, 3)
    assert months["2026-01"] == (1, 1)
    assert months["2026-02"] == (0, 0)
    assert len(visa.compliance) == 12 and visa.compliance[-1].month == "2026-03"
    assert (visa.decided_12m, visa.met_12m, visa.met_share) == (5, 4, 0.8)
    assert not visa.misses_standard
    # Inventory: two open, one per age band (≤30 days; 31–90 days). The first is over 14
    # clock days (30); the second's completeness check found it incomplete, so its clock has
    # not started: not in the backlog, however old.
    assert visa.open_total == 2
    assert sorted((c.band, c.count, c.backlog) for c in visa.inventory) == [(0, 1, 1), (1, 1, 0)]
    assert visa.backlog == 1
    assert {c.step_code for c in visa.inventory} == {"completeness-check"}
    # Weekly flows end with the week of 30 March (a Monday): nothing received or decided.
    assert visa.flows[-1].week == "2026-03-30"
    assert visa.flows[-1].open_end == 2
    weeks = {w.week: w for w in visa.flows}
    # Week of 16 March: decided 16 and 21 March; 3 open on Sunday 22 (one decided 25 March).
    assert (weeks["2026-03-16"].outflow, weeks["2026-03-16"].open_end) == (2, 3)
    assert (weeks["2026-03-23"].outflow, weeks["2026-03-23"].open_end) == (1, 2)
    assert sum(w.inflow for w in visa.flows) == 8


def test_no_standard_no_decisions_and_an_empty_database_are_said_not_invented():
    snapshot = snapshot_refresh(as_of=AS_OF, forecast=False)
    data = Figures.from_json(snapshot.data)
    search = data.service("citizenship-search")
    assert search is not None
    assert search.target_days is None and search.met_share is None
    assert search.compliance_reason == figures.NO_STANDARD
    eta = data.service("eta")
    assert eta is not None
    assert eta.sample_size == 0 and eta.measured == Percentiles()
    assert eta.measured_reason == figures.NO_DECISIONS
    assert eta.met_share is None and eta.compliance_reason == figures.NO_DECISIONS
    assert data.overall_measured == Percentiles() and data.overall_sample_size == 0


def test_a_small_sample_publishes_no_percentile():
    decided_case("2026-03-01", "2026-03-06", "visitor-visa")
    data = Figures.from_json(snapshot_refresh(as_of=AS_OF, forecast=False).data)
    visa = data.service("visitor-visa")
    assert visa is not None
    assert (visa.sample_size, visa.measured, visa.measured_reason) == (
        1,
        Percentiles(),
        figures.SMALL_SAMPLE,
    )


def test_the_latest_snapshot_is_read_back():
    assert snapshot_latest_get() is None
    first = snapshot_refresh(as_of=AS_OF, forecast=False)
    second = snapshot_refresh(as_of=AS_OF, forecast=False)
    latest = snapshot_latest_get()
    assert latest is not None and latest.id == second.pk != first.pk
    assert latest.figures.as_of == AS_OF
