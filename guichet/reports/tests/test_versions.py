"""Editing an edition: each save is a new version; figures stay linked; editions compare."""

import datetime as dt

import pytest

from guichet.core.errors import InvalidInput
from guichet.reports.compare import ADDED, REMOVED, report_compare
from guichet.reports.models import ReportVersion
from guichet.reports.render import report_render
from guichet.reports.services import edition_open, version_save
from guichet.reports.tests.helpers import PERIOD, live_figures

pytestmark = pytest.mark.django_db


@pytest.fixture
def edition(monkeypatch):
    monkeypatch.setattr("guichet.core.clock.today", lambda: dt.date(2026, 12, 4))
    live_figures()
    return edition_open(**PERIOD, actor=None)


def test_saving_makes_a_new_version_and_keeps_the_old(edition):
    first = edition.versions.get()
    content = {lang: dict(first.content[lang]) for lang in ("en", "fr")}
    content["en"]["achievements"] += "\nWe linked [[accounts.paper_linked]] paper files."
    content["fr"]["achievements"] += "\nNous avons lié [[accounts.paper_linked]] dossiers."
    second = version_save(edition_id=edition.pk, content=content, note="More", actor=None)
    assert second.number == 2
    assert edition.versions.count() == 2
    first.refresh_from_db()
    assert "We linked" not in first.content["en"]["achievements"]
    report = report_render(edition=edition, version=second, language="en")
    last = report.sections[0].blocks[-1]
    assert last.text == "We linked 1 paper files."
    # The number cited twice keeps one footnote.
    notes = [run.note for b in report.sections[0].blocks for run in b.runs if run.note]
    assert notes.count(last.runs[1].note) == 2


def test_an_unknown_figure_is_refused_and_nothing_saved(edition):
    content = edition.versions.get().content
    content["fr"]["priorities"] += "\n[[standards.met.nowhere]]"
    with pytest.raises(InvalidInput) as raised:
        version_save(edition_id=edition.pk, content=content, actor=None)
    assert raised.value.field == "priorities_fr"
    assert "standards.met.nowhere" in raised.value.text("fr")
    assert edition.versions.count() == 1


def test_an_unchanged_text_is_not_a_new_version(edition):
    with pytest.raises(InvalidInput) as raised:
        version_save(edition_id=edition.pk, content=edition.versions.get().content, actor=None)
    assert raised.value.field == "content"


def test_versions_cannot_be_rewritten(edition):
    version = edition.versions.get()
    version.note = "rewritten"
    with pytest.raises(TypeError):
        version.save()
    with pytest.raises(TypeError):
        ReportVersion.objects.update(note="x")
    with pytest.raises(TypeError):
        ReportVersion.objects.all().delete()


def test_compare_shows_removed_and_added_lines(edition):
    first = edition.versions.get()
    content = {lang: dict(first.content[lang]) for lang in ("en", "fr")}
    content["en"]["topics"] = "- Video interviews for remote clients."
    second = version_save(edition_id=edition.pk, content=content, actor=None)
    diffs = report_compare(
        before=report_render(edition=edition, version=first, language="en"),
        after=report_render(edition=edition, version=second, language="en"),
    )
    topics = diffs[3]
    assert topics.heading == "4. Planning of council meetings"
    assert [line.text for line in topics.lines if line.change == ADDED] == [
        "• Video interviews for remote clients."
    ]
    assert len([line for line in topics.lines if line.change == REMOVED]) == 2
    assert not diffs[0].changed
