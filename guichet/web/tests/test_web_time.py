"""The `html_datetime` filter gives what HTML's `<time datetime>` accepts: no microseconds."""

import datetime as dt
import re
from zoneinfo import ZoneInfo

from django.template import Context, Template
from django.utils import timezone

from guichet.web.templatetags.web_time import html_datetime

# HTML's global date and time string: seconds with at most three decimals, then an offset.
VALID = re.compile(r"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:?\d{2})$")


def test_an_aware_datetime_loses_its_microseconds_and_keeps_its_offset():
    moment = dt.datetime(2026, 3, 1, 14, 30, 15, 123456, tzinfo=dt.UTC)
    with timezone.override(ZoneInfo("America/Toronto")):
        text = html_datetime(moment)
    assert text == "2026-03-01T09:30:15-05:00"
    assert VALID.match(text)


def test_a_date_and_nothing():
    assert html_datetime(dt.date(2026, 3, 1)) == "2026-03-01"
    assert html_datetime(None) == ""


def test_in_a_template():
    moment = dt.datetime(2026, 3, 1, 14, 30, 15, 999999, tzinfo=dt.UTC)
    html = Template('{% load web_time %}<time datetime="{{ at|html_datetime }}">x</time>').render(
        Context({"at": moment})
    )
    assert ".999999" not in html
    assert VALID.match(re.search(r'datetime="([^"]+)"', html).group(1))
