"""Numbers and dates as each language writes them."""

import datetime as dt

import pytest

from guichet.reports.figures import COUNT, DAYS, PERCENT, cited_keys, date_text, number_text

pytestmark = pytest.mark.django_db  # the roles fixture of this folder


@pytest.mark.parametrize(
    ("value", "kind", "en", "fr"),
    [
        (1234567, COUNT, "1,234,567", "1\u00a0234\u00a0567"),
        (87.456, PERCENT, "87.5%", "87,5\u00a0%"),
        (14.0, DAYS, "14", "14"),
    ],
)
def test_numbers(value, kind, en, fr):
    assert number_text(value, kind, "en") == en
    assert number_text(value, kind, "fr") == fr


def test_dates():
    assert date_text(dt.date(2026, 6, 1), "fr") == "1er juin 2026"
    assert date_text(dt.date(2026, 6, 30), "fr") == "30 juin 2026"
    assert date_text(dt.date(2026, 6, 1), "en") == "June 1, 2026"


def test_cited_keys():
    assert cited_keys("a [[standards.met.eta]] b [[contact.total]] [[bad key]]") == [
        "standards.met.eta",
        "contact.total",
    ]
