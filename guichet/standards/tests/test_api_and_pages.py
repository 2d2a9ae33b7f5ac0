"""The public API, the public page, the dashboard (manager only) and its CSV exports."""

import csv
import datetime as dt
import io
import re

import pytest
from django.test import Client, override_settings

from guichet.standards.models import InventoryTarget
from guichet.standards.refresh import snapshot_refresh
from guichet.standards.tests.helpers import decided_case, received, step
from guichet.testing.factories import staff_make

pytestmark = pytest.mark.django_db
AS_OF = dt.date(2026, 3, 31)


@pytest.fixture
def figures():
    with override_settings(STANDARDS_MIN_SAMPLE=4):
        for day in ("06", "11", "16", "21"):  # 5, 10, 15, 20 days
            decided_case("2026-03-01", f"2026-03-{day}", "visitor-visa")
        waiting = received("2026-01-01", "visitor-visa")
        step(waiting, "completeness-check", "action_required", "2026-03-21")
        return snapshot_refresh(as_of=AS_OF)


def test_processing_times_api_shape_and_values(client, figures):
    response = client.get("/api/v1/processing-times", {"service": "visitor-visa"})
    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"as_of", "items"} and body["as_of"] == "2026-03-31"
    assert [item["percentile"] for item in body["items"]] == [50, 80, 90]
    p80 = body["items"][1]
    assert set(p80) == {
        "service_code",
        "percentile",
        "days",
        "window_days",
        "sample_size",
        "forward_days",
        "forward_more_than_days",
    }
    assert (p80["service_code"], p80["days"], p80["window_days"], p80["sample_size"]) == (
        "visitor-visa",
        20,
        56,
        4,
    )
    # Too little history to calibrate a forecast: said with null, not a number.
    assert p80["forward_days"] is None
    everything = client.get("/api/v1/processing-times").json()
    assert len(everything["items"]) == 3 * 22
    eta = next(i for i in everything["items"] if i["service_code"] == "eta")
    assert eta["days"] is None and eta["sample_size"] == 0


def test_service_standards_api(client, figures):
    body = client.get("/api/v1/service-standards").json()
    assert set(body) == {"items"}
    visa = next(i for i in body["items"] if i["service_code"] == "visitor-visa")
    assert visa == {
        "service_code": "visitor-visa",
        "target_days": 14,
        "target_share": 0.8,
        "met_share": 0.5,  # 5 and 10 days within 14; 15 and 20 not
        "period": "2025-04/2026-03",
    }
    search = next(i for i in body["items"] if i["service_code"] == "citizenship-search")
    assert search["target_days"] is None and search["met_share"] is None
    monthly = client.get("/api/v1/service-standards?service=visitor-visa&monthly=true").json()
    periods = [i["period"] for i in monthly["items"]]
    assert periods[0] == "2025-04/2026-03" and periods[1:] == [
        f"{y}-{m:02d}"
        for y, m in [(2025, m) for m in range(4, 13)] + [(2026, 1), (2026, 2), (2026, 3)]
    ]
    march = monthly["items"][-1]
    assert march["met_share"] == 0.5
    feb = monthly["items"][-2]
    assert feb["met_share"] is None  # no decisions that month: no share, not 0


def test_apis_before_any_refresh_and_with_an_unknown_service(client):
    assert client.get("/api/v1/processing-times").json() == {"as_of": None, "items": []}
    assert client.get("/api/v1/service-standards").json() == {"items": []}
    response = client.get("/api/v1/processing-times?service=nope")
    assert response.status_code == 404
    assert response.json()["field"] == "service"
    assert set(response.json()["message"]) == {"en", "fr"}


def test_public_page_and_api_agree_in_both_languages(client, figures):
    api = client.get("/api/v1/processing-times", {"service": "visitor-visa"}).json()
    for language, path in (("en", "/en/processing-times/"), ("fr", "/fr/delais-de-traitement/")):
        response = client.get(path, {"service": "visitor-visa"})
        assert response.status_code == 200
        html = response.content.decode()
        assert f'lang="{language}"' in html
        for item in api["items"]:
            row = re.search(
                rf'<tr data-percentile="{item["percentile"]}">.*?</tr>', html, re.S
            ).group(0)
            cells = re.findall(r'data-days="([^"]*)"', row)
            expected = [str(item["days"] or ""), str(item["forward_days"] or "")]
            assert cells == expected
    french = client.get("/fr/delais-de-traitement/", {"service": "visitor-visa"}).content.decode()
    assert "Délais de traitement" in french
    assert "Visa de visiteur" in french or "visiteur" in french


def test_public_page_says_unknown_service_and_before_refresh(client):
    response = client.get("/en/processing-times/", {"service": "nope"})
    assert response.status_code == 404
    assert "There is no service" in response.content.decode()
    assert "have not been calculated yet" in client.get("/en/processing-times/").content.decode()


def test_dashboard_is_for_managers_only(client, figures):
    assert client.get("/en/staff/standards/").status_code == 302  # sign in first
    client.force_login(staff_make("officer"))
    assert client.get("/en/staff/standards/").status_code == 403
    assert client.get("/en/staff/standards/csv/compliance/").status_code == 403
    assert client.get("/en/staff/standards/at-risk/").status_code == 403
    assert client.post("/en/staff/standards/refresh/").status_code == 403


def test_dashboard_shows_every_figure_in_both_languages(client, figures):
    client.force_login(staff_make("manager"))
    html = client.get("/en/staff/standards/").content.decode()
    for heading in (
        "Compliance with service standards",
        "Processing times",
        "Inventory",
        "Inflow and outflow",
        "Forecasts and cases at risk",
        "Inventory targets",
    ):
        assert heading in html
    assert "Visitor visa" in html
    french = client.get("/fr/personnel/normes/?service=visitor-visa").content.decode()
    assert "Tableau de bord des normes de service" in french
    assert client.get("/en/staff/standards/?service=nope").status_code == 302


def test_every_table_exports_as_csv_with_the_page_figures(client, figures):
    client.force_login(staff_make("manager"))
    for table in (
        "compliance",
        "compliance-monthly",
        "processing-times",
        "inventory-age",
        "inventory",
        "flows",
        "forecasts",
        "at-risk",
    ):
        response = client.get(f"/en/staff/standards/csv/{table}/", {"service": "visitor-visa"})
        assert response.status_code == 200, table
        assert response["Content-Type"].startswith("text/csv")
        body = b"".join(response.streaming_content) if response.streaming else response.content
        rows = list(csv.reader(io.StringIO(body.decode())))
        assert rows and rows[0], table
    compliance = client.get("/en/staff/standards/csv/compliance/?service=visitor-visa").content
    header, row = list(csv.reader(io.StringIO(compliance.decode())))
    values = dict(zip(header, row, strict=True))
    assert (values["decided"], values["met"], values["met_share"]) == ("4", "2", "0.5")
    assert client.get("/en/staff/standards/csv/nope/").status_code == 404


def test_a_manager_sets_an_inventory_target_and_sees_its_trend(client, figures):
    client.force_login(staff_make("manager"))
    response = client.post(
        "/en/staff/standards/targets/",
        {"service": "visitor-visa", "reduction": "30", "months": "12"},
    )
    assert response.status_code == 302
    target = InventoryTarget.objects.get()
    assert (str(target.reduction_share), target.baseline_open) == ("0.30", 1)
    bad = client.post(
        "/en/staff/standards/targets/",
        {"service": "visitor-visa", "reduction": "0", "months": "12"},
        follow=True,
    )
    assert "between 1 and 99" in bad.content.decode()
    assert InventoryTarget.objects.count() == 1
    html = client.get("/en/staff/standards/").content.decode()
    assert "fewer open cases by" in html


def test_refresh_on_demand(client, figures, settings):
    settings.TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
    client.force_login(staff_make("manager"))
    from guichet.standards.models import StandardsSnapshot

    before = StandardsSnapshot.objects.count()
    response = client.post("/en/staff/standards/refresh/")
    assert response.status_code == 302
    assert StandardsSnapshot.objects.count() == before + 1


def test_dashboard_reads_the_snapshot_in_few_queries(
    client, figures, django_assert_max_num_queries
):
    user = staff_make("manager")
    client.force_login(user)
    client.get("/en/staff/standards/")  # warm the per-process caches
    with django_assert_max_num_queries(12):
        assert client.get("/en/staff/standards/").status_code == 200
    with django_assert_max_num_queries(2):
        assert Client().get("/api/v1/processing-times").status_code == 200


def test_public_page_states_how_we_measure_in_both_languages(client, figures):
    # French first: the last request leaves its language active for the tests that follow.
    french = client.get("/fr/delais-de-traitement/").content.decode()
    assert "Comment nous mesurons" in french
    assert "Les demandes retirées ne sont pas comptées\u00a0;" in french
    assert "moins de 10 décisions" in french
    assert "72 heures" in french
    assert "vérification de la demande complète est réussie" in french
    assert "sauf les jours fériés fédéraux" in french
    english = client.get("/en/processing-times/").content.decode()
    assert "How we measure" in english
    assert "Withdrawn applications are not counted" in english
    assert "12 complete calendar months" in english
    assert "fewer than 10 decisions, whether measured or forward-looking" in english
    assert "72 hours from receipt to decision" in english
    assert "on the day our completeness check is passed" in english
    assert "120 days for applications made inside Canada" in english
    assert "except federal public holidays" in english
    # The section is in the page, not in its <title>.
    assert "How we measure" not in english.split("</title>")[0]
