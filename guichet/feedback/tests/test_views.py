import csv
import io

import pytest
from django.urls import reverse
from django.utils import translation

from guichet.core.models import AuditRecord
from guichet.core.roles import MANAGER, OFFICER
from guichet.core.services import api_token_create
from guichet.feedback.models import Invitation, OptOut, PageFeedback, Response
from guichet.feedback.services import invitation_token
from guichet.feedback.tests.conftest import decided_case
from guichet.testing.factories import staff_make

pytestmark = pytest.mark.django_db


def _url(language: str = "en") -> tuple[Invitation, str]:
    invitation = Invitation.objects.get(case=decided_case(preferred_language=language))
    with translation.override(language):
        return invitation, reverse(
            "feedback:survey", kwargs={"token": invitation_token(invitation)}
        )


ALL = {"overall": "4", "channel_used": "online", "timeliness": "2", "comment": "Merci."}


@pytest.mark.parametrize(
    ("language", "title"),
    [
        ("en", "How was your experience with us?"),
        ("fr", "Comment s'est passée votre expérience avec nous\u00a0?"),
    ],
)
def test_the_survey_page_in_both_languages(client, language, title):
    _invitation, url = _url(language)
    assert url.startswith(f"/{language}/")
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert title.replace("'", "&#x27;") in text
    assert 'type="radio"' in text and "<script>" not in text.split("</head>")[1]


def test_sending_counts_the_answers_once_and_the_link_is_then_used(client):
    invitation, url = _url()
    answered = client.post(url, {**ALL, "action": "submit"})
    assert answered.status_code == 200 and "Thank you for your answers" in answered.content.decode()
    response = Response.objects.get(invitation=invitation)
    assert response.submitted and response.answers == {
        "overall": 4,
        "channel_used": "online",
        "timeliness": 2,
    }
    assert response.comment == "Merci."
    again = client.post(url, {**ALL, "overall": "1", "action": "submit"})
    assert again.status_code == 410 and "already been answered" in again.content.decode()
    assert client.get(url).status_code == 410
    assert Response.objects.get(invitation=invitation).answers["overall"] == 4


def test_partial_answers_are_kept_and_missing_ones_named_in_the_error_summary(client):
    invitation, url = _url()
    saved = client.post(url, {"timeliness": "5", "action": "save"})
    assert saved.status_code == 200
    assert Response.objects.get(invitation=invitation).answers == {"timeliness": 5}
    page = client.post(url, {"clarity": "3", "overall": "9", "action": "submit"}).content.decode()
    assert 'class="g-error-summary"' in page
    assert 'href="#q-overall"' in page and 'href="#q-channel_used"' in page
    assert "Choose one of the answers given." in page
    kept = Response.objects.get(invitation=invitation)
    assert kept.answers == {"timeliness": 5, "clarity": 3} and not kept.submitted
    assert 'value="5" checked' in client.get(url).content.decode()  # shown again on return


def test_french_errors_name_the_field_in_french(client):
    _invitation, url = _url("fr")
    page = client.post(url, {"action": "submit"}).content.decode()
    assert "Répondez à cette question pour envoyer le sondage." in page


def test_a_long_comment_is_refused_and_a_script_is_stored_as_text_never_rendered(client):
    invitation, url = _url()
    refused = client.post(url, {**ALL, "comment": "x" * 100_000, "action": "submit"})
    assert refused.status_code == 400 and "at most 2000 characters" in refused.content.decode()
    assert not Response.objects.get(invitation=invitation).submitted
    client.post(url, {**ALL, "comment": "<script>alert(1)</script>", "action": "save"})
    page = client.get(url).content.decode()
    assert "<script>alert(1)</script>" not in page and "&lt;script&gt;" in page


def test_a_tampered_or_expired_link_gets_a_clear_page(client):
    invitation, url = _url()
    tampered = client.get(url[:-3] + "xx/")
    assert (
        tampered.status_code == 404
        and "This survey link does not work" in tampered.content.decode()
    )
    Invitation.objects.filter(pk=invitation.pk).update(expires_at=invitation.created_at)
    expired = client.get(url)
    assert expired.status_code == 410 and "This survey link has expired" in expired.content.decode()


def test_opting_out_from_the_survey_page(client):
    invitation, url = _url()
    page = client.post(url, {"action": "opt_out"})
    assert (
        page.status_code == 200 and OptOut.objects.filter(client_id=invitation.client_id).exists()
    )


@pytest.mark.parametrize("language", ["en", "fr"])
def test_page_feedback_from_a_public_page_without_javascript(client, language):
    with translation.override(language):
        home = reverse("web:home")
        action = reverse("feedback:page-feedback")
    page = client.get(home).content.decode()
    assert f'action="{action}"' in page
    done = client.post(action, {"path": home, "helpful": "no", "comment": "<b>where?</b>"})
    assert done.status_code == 200 and f'href="{home}"' in done.content.decode()
    stored = PageFeedback.objects.get()
    assert (stored.path, stored.helpful, stored.language) == (home, False, language)
    assert client.post(action, {"path": home, "helpful": "maybe"}).status_code == 400
    assert (
        client.post(action, {"path": "https://evil.example/", "helpful": "yes"}).status_code == 400
    )
    assert PageFeedback.objects.count() == 1


def test_the_satisfaction_page_is_for_managers_and_audited(client):
    with translation.override("en"):
        url = reverse("feedback:dashboard")
    assert client.get(url).status_code == 302
    client.force_login(staff_make(OFFICER))
    assert client.get(url).status_code == 403
    client.force_login(staff_make(MANAGER))
    page = client.get(url)
    assert page.status_code == 200 and "Client satisfaction" in page.content.decode()
    assert AuditRecord.objects.filter(target_type="feedback.satisfaction").count() == 1
    assert 'data-tool="satisfaction"' in page.content.decode()


def test_the_csv_defuses_formulas(client):
    from guichet.feedback.export import safe_cell

    assert safe_cell("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert safe_cell("@SUM") == "'@SUM" and safe_cell(-0.5) == -0.5
    Invitation.objects.update(province="=cmd|' /C calc'!A0")
    client.force_login(staff_make(MANAGER))
    for _ in range(12):
        invitation = Invitation.objects.get(case=decided_case())
        Invitation.objects.filter(pk=invitation.pk).update(province="=cmd|' /C calc'!A0")
        with translation.override("en"):
            url = reverse("feedback:survey", kwargs={"token": invitation_token(invitation)})
        client.post(url, {**ALL, "action": "submit"})
    with translation.override("en"):
        csv_url = reverse("feedback:csv")
    exported = client.get(csv_url + "?table=breakdown&by=province")
    assert exported.status_code == 200
    rows = list(csv.reader(io.StringIO(exported.content.decode())))
    groups = {row[1] for row in rows[1:]}
    assert "'=cmd|' /C calc'!A0" in groups and not any(g.startswith("=") for g in groups)


def test_the_api_answers_a_manager_token_only(client):
    manager = staff_make(MANAGER)
    _token, raw = api_token_create(user=manager, name="analysis", created_by=manager)
    url = "/api/v1/feedback/satisfaction?table=rates"
    assert client.get(url).status_code == 401
    answer = client.get(url, headers={"Authorization": f"Bearer {raw}"})
    assert answer.status_code == 200 and answer.json()["columns"][0] == "group"
    bad = client.get(url.replace("rates", "nope"), headers={"Authorization": f"Bearer {raw}"})
    assert bad.status_code == 400 and bad.json()["field"] == "table"


def test_no_page_feedback_on_the_staff_sign_in_page(client):
    with translation.override("fr"):
        sign_in = reverse("backoffice:login")
    assert 'id="page-feedback-comment"' not in client.get(sign_in).content.decode()
