"""The simplified visitor-visa form: conditional questions and documents, defined as data."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from guichet.cases.models import Case
from guichet.intake import visitor_visa as vv
from guichet.intake.forms import ApplicantFields
from guichet.intake.models import OnlineApplication
from guichet.notifications.models import Notification

DOC = Path(__file__).resolve().parents[3] / "docs" / "intake-visitor-visa.md"
ADULT_TOURIST = vv.COMMON_CASES["Tourist, employed, paying for the trip"]


def codes(items) -> list[str]:
    return [item.code for item in items]


def test_a_minor_is_asked_about_parents_not_about_a_job():
    asked = codes(vv.questions_asked({"purpose": "tourism", "under_18": "yes"}))
    assert "with_both_parents" in asked and "occupation" not in asked
    asked = codes(vv.questions_asked({"purpose": "tourism", "under_18": "no"}))
    assert "with_both_parents" not in asked and "occupation" in asked


def test_only_a_family_visit_asks_for_the_hosts_status():
    assert "host_status" in codes(vv.questions_asked({"purpose": "family"}))
    assert "host_status" not in codes(vv.questions_asked({"purpose": "business"}))


def test_a_changed_answer_drops_the_answers_that_no_longer_apply():
    kept = vv.answers_kept({"purpose": "tourism", "under_18": "no", "with_both_parents": "no"})
    assert "with_both_parents" not in kept


def test_the_documents_follow_the_situation():
    tourist = codes(vv.documents_needed(ADULT_TOURIST))
    assert tourist == ["passport", "photo", "funds", "employment_letter", "previous_visas"]
    child = codes(vv.documents_needed(vv.COMMON_CASES["Child travelling with one parent"]))
    assert {"consent_letter", "birth_certificate"} <= set(child)
    assert "employment_letter" not in child


def test_a_condition_on_a_question_not_asked_before_is_refused(tmp_path):
    data = tmp_path / "form.toml"
    data.write_text(
        '[[questions]]\ncode = "a"\nlabel = { en = "A?", fr = "A?" }\noptions = "yes_no"\n'
        'when = [{ b = "yes" }]\n'
        '[[questions]]\ncode = "b"\nlabel = { en = "B?", fr = "B?" }\noptions = "yes_no"\n'
        "documents = []\n",
        encoding="utf-8",
    )
    with pytest.raises(ValueError, match="not asked before"):
        vv.visitor_visa_form.__wrapped__(data)


def test_the_counts_in_the_docs_are_the_counts_of_the_data():
    """docs/intake-visitor-visa.md must say what the data says (regenerate it if not)."""
    text = DOC.read_text(encoding="utf-8")
    identity = len(ApplicantFields.base_fields)
    for label, answers in vv.COMMON_CASES.items():
        counts = vv.form_counts(answers, identity_questions=identity)
        row = (
            f"| {label} | {counts.questions} | {counts.full_questions} | "
            f"{counts.documents} | {counts.full_documents} |"
        )
        assert row in text, f"docs out of date, expected row: {row}"


@pytest.mark.django_db
def test_applying_online_in_english_from_questions_to_number(client):
    response = client.post("/en/visitor-visa/", {"shown": ["purpose"], "purpose": "family"})
    assert response.status_code == 200  # the page comes back with the questions that apply
    html = response.content.decode()
    assert "status in Canada of the person you are visiting" in html
    assert "know a little more" in html

    answers = vv.COMMON_CASES["Retired parent visiting a child who is a citizen, who pays"]
    shown = [q.code for q in vv.questions_asked(answers)]
    response = client.post("/en/visitor-visa/", {**answers, "shown": shown})
    assert response.status_code == 302 and response["Location"] == "/en/visitor-visa/apply/"

    page = client.get("/en/visitor-visa/apply/").content.decode()
    assert "A copy of your host&#x27;s proof of status in Canada" in page
    assert "bank statements" not in page  # the host pays

    response = client.post(
        "/en/visitor-visa/apply/",
        {
            "family_name": "Wang",
            "given_names": "Li",
            "date_of_birth": "1955-04-01",
            "sex": "F",
            "preferred_language": "en",
            "email": "li.wang@example.com",
            "phone": "",
        },
    )
    assert response.status_code == 302
    done = client.get(response["Location"]).content.decode()
    number = re.search(r"E\d{9}", done).group(0)
    case = Case.objects.get(application_number=number)
    assert case.service.code == "visitor-visa" and case.channel == "online"
    assert OnlineApplication.objects.get(case=case).answers == answers
    assert Notification.objects.filter(case=case, channel="email").count() == 1


@pytest.mark.django_db
def test_a_question_left_unanswered_is_named(client):
    response = client.post(
        "/en/visitor-visa/", {"shown": ["purpose", "under_18"], "purpose": "tourism"}
    )
    assert response.status_code == 400
    assert "Choose one of the options." in response.content.decode()


@pytest.mark.django_db
def test_the_details_page_waits_for_the_questions(client):
    assert client.get("/en/visitor-visa/apply/")["Location"] == "/en/visitor-visa/"
