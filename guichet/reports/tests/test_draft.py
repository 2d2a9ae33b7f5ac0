"""Opening an edition: both languages drafted from the live figures, each number footnoted."""

import datetime as dt

import pytest
from django.apps import apps

from guichet.core.errors import InvalidInput
from guichet.reports.models import ReportEdition, ReportVersion
from guichet.reports.render import report_render
from guichet.reports.services import edition_open
from guichet.reports.tests.helpers import PERIOD, live_figures
from guichet.testing.factories import staff_make

pytestmark = pytest.mark.django_db

TODAY = dt.date(2026, 12, 4)


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("guichet.core.clock.today", lambda: TODAY)


def test_draft_cites_every_source_in_both_languages(today):
    live_figures()
    manager = staff_make("manager")
    edition = edition_open(**PERIOD, actor=manager)
    keys = {figure["key"] for figure in edition.figures}
    assert {
        "standards.met.visitor-visa",
        "standards.met.spouse-in-canada",
        "standards.inventory",
        "accounts.paper_linked",
        "contact.avoidable",
    } <= keys
    met = {f["key"]: f["value"] for f in edition.figures}
    assert met["standards.met.visitor-visa"] == 50.0  # 5, 10, 15, 20 days: 2 within 14
    assert met["standards.decided.spouse-in-canada"] == 4
    assert met["accounts.paper_linked"] == 1
    assert met["contact.avoidable"] == 75.0  # status ×2 and processing time, of 4

    version = edition.versions.get()
    en = report_render(edition=edition, version=version, language="en")
    fr = report_render(edition=edition, version=version, language="fr")
    en_text = " ".join(b.text for s in en.sections for b in s.blocks)
    fr_text = " ".join(b.text for s in fr.sections for b in s.blocks)
    assert "Visitor visa: 50.0% of the 4 applications decided in the period met" in en_text
    assert "50,0\u00a0% des 4 demandes" in fr_text
    assert "Clients linked 1 paper applications" in en_text
    assert "[[" not in en_text + fr_text
    # The spouse service missed its standard: a priority in both languages.
    assert any("spouse" in b.text.lower() for b in en.sections[1].blocks)
    assert any(
        "époux" in b.text.lower() or "conjoint" in b.text.lower() for b in fr.sections[1].blocks
    )
    # Every cited number has one footnote with its definition, period and time read.
    cited = {run.note for s in en.sections for b in s.blocks for run in b.runs if run.note}
    assert cited == {n for n, _ in en.notes}
    assert all("Data read on" in text and "Period:" in text for _, text in en.notes)
    assert all("Données lues le" in text for _, text in fr.notes)
    assert version.content["en"]["jurisdiction"].startswith("Immigration, Refugees")
    assert version.content["fr"]["jurisdiction"].startswith("Immigration, Réfugiés")


def test_french_is_not_the_english(today):
    live_figures()
    edition = edition_open(**PERIOD, actor=None)
    content = edition.versions.get().content
    for key in ("achievements", "priorities", "challenges", "topics"):
        assert content["en"][key] and content["fr"][key]
        assert content["en"][key] != content["fr"][key]


def test_a_period_with_no_data_is_refused_and_nothing_saved(today):
    live_figures()
    with pytest.raises(InvalidInput) as raised:
        edition_open(period_start="2019-01-01", period_end="2019-06-30", actor=None)
    assert raised.value.field == "period"
    assert "no figures" in raised.value.text("en")
    assert "aucun chiffre" in raised.value.text("fr")
    assert not ReportEdition.objects.exists()
    assert not ReportVersion.objects.exists()


@pytest.mark.parametrize(
    ("start", "end", "field"),
    [
        ("2026-06-31", "2026-11-30", "period_start"),
        ("2026-11-30", "2026-06-01", "period_end"),
        ("2026-06-01", "2027-01-31", "period_end"),
        ("2020-01-01", "2026-11-30", "period_start"),
    ],
)
def test_bad_periods_name_their_field(today, start, end, field):
    with pytest.raises(InvalidInput) as raised:
        edition_open(period_start=start, period_end=end, actor=None)
    assert raised.value.field == field
    assert raised.value.text("fr") != raised.value.text("en")


def test_a_module_that_is_not_installed_has_no_sentences(today, monkeypatch):
    live_figures()
    installed = apps.is_installed
    monkeypatch.setattr(
        apps, "is_installed", lambda name: name != "guichet.contact" and installed(name)
    )
    edition = edition_open(**PERIOD, actor=None)
    assert not [f for f in edition.figures if f["source"] == "contact"]
    assert "standards.inventory" in {f["key"] for f in edition.figures}
