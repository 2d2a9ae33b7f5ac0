"""The council report pages: managers only, both languages, errors next to their field."""

import datetime as dt

import pytest
from django.test import Client

from guichet.core.models import AuditRecord
from guichet.reports.models import ReportEdition
from guichet.reports.services import edition_open
from guichet.reports.tests.helpers import PERIOD, live_figures
from guichet.testing.factories import staff_make

pytestmark = pytest.mark.django_db


@pytest.fixture
def today(monkeypatch):
    monkeypatch.setattr("guichet.core.clock.today", lambda: dt.date(2026, 12, 4))


def signed_in(role: str) -> Client:
    client = Client()
    client.force_login(staff_make(role))
    return client


def test_only_managers_open_the_report(today):
    assert Client().get("/en/staff/council-report/").status_code == 302
    assert signed_in("officer").get("/en/staff/council-report/").status_code == 403
    assert signed_in("manager").get("/fr/personnel/rapport-au-conseil/").status_code == 200


def test_the_managers_menu_lists_the_report(today):
    page = signed_in("manager").get("/en/staff/council-report/")
    assert b'href="/en/staff/council-report/"' in page.content
    officer_page = signed_in("officer").get("/en/staff/cases/")
    assert b"council-report" not in officer_page.content


def test_open_edit_compare_and_download(today):
    live_figures()
    manager = signed_in("manager")
    answer = manager.post(
        "/fr/personnel/rapport-au-conseil/",
        {"period_start": "2026-06-01", "period_end": "2026-11-30"},
    )
    edition = ReportEdition.objects.get()
    assert answer.status_code == 302
    assert answer["Location"] == f"/fr/personnel/rapport-au-conseil/{edition.pk}/"
    page = manager.get(answer["Location"])
    assert "1. Réalisations" in page.content.decode()
    assert "50,0\u00a0%" in page.content.decode()

    form = manager.get(f"/en/staff/council-report/{edition.pk}/edit/")
    assert form.status_code == 200
    content = edition.versions.get().content
    data = {f"{k}_{lang}": v for lang in ("en", "fr") for k, v in content[lang].items()}
    data["challenges_en"] += "\n- Staff turnover in the mailroom."
    saved = manager.post(f"/en/staff/council-report/{edition.pk}/edit/", data | {"note": "x"})
    assert saved.status_code == 302
    assert edition.versions.count() == 2
    bad = manager.post(
        f"/en/staff/council-report/{edition.pk}/edit/", data | {"topics_fr": "[[no.such]]"}
    )
    assert bad.status_code == 400
    assert 'id="topics_fr-error"' in bad.content.decode()
    assert edition.versions.count() == 2

    diff = manager.get(f"/en/staff/council-report/{edition.pk}/compare/?version=2")
    assert "<ins>" in diff.content.decode()
    assert "Staff turnover in the mailroom." in diff.content.decode()

    for fmt, magic in (("pdf", b"%PDF"), ("docx", b"PK"), ("odt", b"PK")):
        for lang in ("en", "fr"):
            file = manager.get(f"/en/staff/council-report/{edition.pk}/{fmt}/{lang}/?version=2")
            assert file.status_code == 200
            assert file.content.startswith(magic)
            assert f"-v2-{lang}.{fmt}" in file["Content-Disposition"]
    assert manager.get(f"/en/staff/council-report/{edition.pk}/exe/en/").status_code == 404
    actions = set(
        AuditRecord.objects.filter(target_type="council_report").values_list("action", flat=True)
    )
    assert actions == {"create", "change", "view"}


def test_a_period_with_no_data_shows_the_error_in_the_page_language(today):
    live_figures()
    manager = signed_in("manager")
    answer = manager.post(
        "/fr/personnel/rapport-au-conseil/",
        {"period_start": "2019-01-01", "period_end": "2019-06-30"},
    )
    assert answer.status_code == 400
    assert "aucun chiffre pour cette période" in answer.content.decode()
    assert not ReportEdition.objects.exists()


def test_compare_with_the_previous_edition(today):
    live_figures()
    older = edition_open(period_start="2026-06-01", period_end="2026-08-31", actor=None)
    newer = edition_open(**PERIOD, actor=None)
    page = signed_in("manager").get(f"/en/staff/council-report/{newer.pk}/compare/")
    assert page.status_code == 200
    assert f"{older.period_start:%Y-%m-%d}" in page.content.decode()
    assert "<ins>" in page.content.decode()
