"""The demo cohorts: the analysis finds the weak areas seeded in them."""

import pytest

from guichet.feedback.demo import seed_feedback_demo
from guichet.feedback.models import Invitation, Response
from guichet.feedback.selectors import satisfaction_report

pytestmark = pytest.mark.django_db


def test_the_analysis_finds_the_weak_areas_of_the_demo_cohorts():
    summary = seed_feedback_demo(seed=2016, live=0)
    assert summary.invitations == Invitation.objects.count() == 6500
    assert 0.3 < summary.responses / summary.invitations < 0.6  # realistic non-response
    report = satisfaction_report()
    assert (report.reference, report.group) == ("2013", "2015")
    weak = {(c.measure, c.group) for c in report.weak}
    assert ("processing_time", "service_code=spouse-in-canada") in weak
    assert ("processing_time", "service_code=spouse-outside-canada") in weak
    assert ("status_confidence", "case_channel=paper") in weak
    assert not any(group.startswith("language=") for _m, group in weak)
    compared = {c.measure: c for c in report.comparison}
    assert compared["processing_time"].significant and compared["processing_time"].difference < 0
    assert compared["timeliness"].significant and compared["timeliness"].difference > 0
    # Seeding again adds nothing.
    assert seed_feedback_demo(seed=2016, live=0).invitations == 0
    assert Response.objects.filter(submitted=True).count() == summary.responses
