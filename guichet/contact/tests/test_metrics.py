"""Channel metrics: each measure on a small, known set of contacts; access; CSV export."""

import csv
import datetime as dt
import io

import pytest

from guichet.contact.demo import seed_contact_demo
from guichet.contact.models import (
    ContactOutcome,
    Interaction,
    IvrSession,
    IvrStage,
    KbArticle,
    SelfServiceSwitch,
    StatusLookupDay,
)
from guichet.contact.selectors.metrics import channel_metrics_get
from guichet.contact.services.knowledge_base import kb_load
from guichet.core import clock
from guichet.testing.factories import case_make


def _ivr(case, at, *, heard=True, transferred=False):
    session = IvrSession.objects.create(
        call_sid=f"CA{IvrSession.objects.count():032x}",
        started_at=at,
        updated_at=at,
        case=case,
        verified_at=at if case else None,
        status_heard_at=at if heard else None,
        transferred_at=at if transferred else None,
        stage=IvrStage.TRANSFERRED if transferred else IvrStage.ENDED,
    )
    outcome = (
        ContactOutcome.TRANSFERRED
        if transferred
        else ContactOutcome.SELF_SERVED
        if heard
        else ContactOutcome.ABANDONED
    )
    Interaction.objects.create(
        at=at,
        channel="ivr",
        reason="status",
        outcome=outcome,
        case=case,
        client_id=case.client_id if case else None,
        ivr_session=session,
    )


def _assisted(case, at, reason, outcome, article=None):
    Interaction.objects.create(
        at=at,
        channel="phone",
        reason=reason,
        outcome=outcome,
        case=case,
        client_id=case.client_id,
        kb_article=article,
    )


@pytest.fixture
def contacts(db):
    kb_load()
    now = clock.now() - dt.timedelta(days=2)
    one, two, three = case_make(), case_make(), case_make()
    _ivr(one, now)  # contained, and truly
    _ivr(two, now)  # contained, but the caller reached an agent 3 hours later
    _ivr(three, now, transferred=True)
    _ivr(None, now, heard=False)  # hung up before identifying
    article = KbArticle.objects.get(slug="check-status")
    _assisted(two, now + dt.timedelta(hours=3), "status", ContactOutcome.RESOLVED, article)
    _assisted(three, now + dt.timedelta(hours=1), "documents", ContactOutcome.RESOLVED)
    _assisted(three, now + dt.timedelta(days=2), "complaint", ContactOutcome.FOLLOW_UP)
    StatusLookupDay.objects.create(day=now.date(), channel="web", count=8)
    return one, two, three


def test_every_measure(contacts):
    m = channel_metrics_get(weeks=4, language="en")
    assert m.total == 7 and m.assisted == 3
    assert {bar.code: bar.value for bar in m.channel_totals} == {"phone": 3, "ivr": 4}
    assert (m.avoidable.numerator, m.avoidable.denominator) == (1, 3)
    assert m.ivr_calls == 4
    assert (m.containment.numerator, m.containment.percent) == (2, 50.0)
    assert (m.true_containment.numerator, m.true_containment.percent) == (1, 25.0)
    assert (m.first_contact_resolution.numerator, m.first_contact_resolution.denominator) == (1, 3)
    # 8 on the web and the 3 calls that heard their status, over those and 1 status call.
    assert (m.digital_take_up.numerator, m.digital_take_up.denominator) == (11, 12)
    assert [a.slug for a in m.articles] == ["check-status"] and m.articles[0].uses == 1
    # "complaint" has contacts and no article: the one to write next.
    assert [r.code for r in m.reasons_without_article] == ["complaint"]
    assert sum(sum(week.values()) for week in m.per_week.values()) == 7


def test_an_empty_period(db):
    m = channel_metrics_get(weeks=12, language="fr")
    assert m.total == 0 and m.containment.percent is None and len(m.weeks) == 12


def test_dashboard_is_for_managers(contacts, agent_http, manager_http, client):
    assert client.get("/en/contact-centre/metrics/").status_code == 302
    assert agent_http.get("/en/contact-centre/metrics/").status_code == 403
    page = manager_http.get("/en/contact-centre/metrics/", {"weeks": "4"}).content.decode()
    assert "Phone self-service containment" in page and "<svg" in page
    assert 'id="per-week"' in page
    page = manager_http.get("/fr/centre-de-contact/indicateurs/").content.decode()
    assert 'lang="fr"' in page


def test_csv_export(contacts, manager_http, agent_http):
    assert agent_http.get("/en/contact-centre/metrics/export.csv").status_code == 403
    response = manager_http.get("/en/contact-centre/metrics/export.csv", {"weeks": "4"})
    assert response["Content-Type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == ["section", "code", "label", "week", "value"]
    assert ["ivr_containment", "percent", "", "", "50.0"] in rows
    assert ["reasons_without_article", "complaint", "Complaint or compliment", "", "1"] in rows


def test_a_manager_switches_self_service_per_service(manager_http, agent_http, db):
    response = manager_http.post(
        "/en/contact-centre/self-service/", {"service": "pr-card", "enabled": "off"}
    )
    assert response.status_code == 302
    assert SelfServiceSwitch.objects.get(service__code="pr-card").enabled is False
    assert (
        agent_http.post(
            "/en/contact-centre/self-service/", {"service": "pr-card", "enabled": "on"}
        ).status_code
        == 403
    )
    follow = manager_http.post(
        "/en/contact-centre/self-service/", {"service": "nope", "enabled": "on"}, follow=True
    )
    assert "There is no service with the code" in follow.content.decode()


def test_the_demo_seeder_fills_the_dashboard(db):
    for _ in range(5):
        case_make()
    summary = seed_contact_demo(weeks=3, calls_per_week=40)
    assert summary.articles >= 5 and summary.ivr_calls > 0 and summary.contacts > 0
    m = channel_metrics_get(weeks=5)
    assert m.total > 0 and m.containment.denominator == summary.ivr_calls
    assert seed_contact_demo(weeks=3, calls_per_week=40).contacts == 0  # not twice
