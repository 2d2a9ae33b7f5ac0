"""The help centre (knowledge base, feedback) and web enquiries, including the IDOR refusals."""

import datetime as dt

import pytest

from guichet.accounts.tests.conftest import account_make, link_make
from guichet.accounts.tests.conftest import signed_in as client_signed_in
from guichet.contact.business_days import business_days_add
from guichet.contact.models import (
    ContactOutcome,
    Direction,
    Enquiry,
    EnquiryStatus,
    Interaction,
    KbArticle,
    KbFeedback,
)
from guichet.contact.selectors.knowledge_base import kb_search
from guichet.contact.services.knowledge_base import kb_load
from guichet.core.audit import AuditRecord
from guichet.notifications.models import Notification
from guichet.testing.factories import case_make


@pytest.fixture
def kb(db):
    kb_load()


def test_help_centre_in_both_languages(client, kb):
    page = client.get("/en/help/").content.decode()
    assert "Your application and its status" in page
    page = client.get("/fr/aide/").content.decode()
    assert "Votre demande et son état" in page
    article = client.get("/fr/aide/articles/check-status/").content.decode()
    assert "Vérifier l&#x27;état de votre demande" in article
    assert "Avez-vous trouvé ce que vous cherchiez\u00a0?" in article
    assert client.get("/en/help/topics/status/").status_code == 200
    assert client.get("/en/help/articles/nope/").status_code == 404


def test_search_ignores_case_and_accents(kb):
    assert next(a.slug for a in kb_search(query="ETAT demande", language="fr")) == "check-status"
    assert "application-number" in [a.slug for a in kb_search(query="check digit", language="en")]
    assert kb_search(query="zzzz", language="en") == []
    assert kb_search(query="  ", language="en") == []


def test_search_page(client, kb):
    page = client.get("/en/help/", {"q": "processing times"}).content.decode()
    assert "How long your application will take" in page
    assert "No article matches" in client.get("/en/help/", {"q": "qwertyuiop"}).content.decode()


def test_feedback_is_recorded(client, kb):
    response = client.post("/en/help/articles/check-status/", {"helpful": "no"}, follow=True)
    assert "Thank you for your feedback." in response.content.decode()
    feedback = KbFeedback.objects.get()
    assert feedback.helpful is False and feedback.language == "en"
    client.post("/en/help/articles/check-status/", {"helpful": "maybe"})
    assert KbFeedback.objects.count() == 1


def test_an_outdated_article_says_so(client, kb):
    KbArticle.objects.filter(slug="call-us").update(outdated=True)
    page = client.get("/en/help/articles/call-us/").content.decode()
    assert "This article may be out of date" in page


# --- Web enquiries --------------------------------------------------------------------------


@pytest.fixture
def holder(db):
    account = account_make(language="fr", phone="+16135550177")
    case = case_make()
    link_make(account, case)
    return account, case


def test_a_client_asks_about_their_own_case(holder):
    account, case = holder
    http = client_signed_in(account)
    assert http.get("/fr/aide/questions/nouvelle/").status_code == 200
    response = http.post(
        "/fr/aide/questions/nouvelle/",
        {"case": str(case.pk), "reason": "documents", "question": "Avez-vous reçu mes documents?"},
    )
    assert response.status_code == 302
    enquiry = Enquiry.objects.get()
    assert enquiry.case_id == case.pk and enquiry.client_id == case.client_id
    assert enquiry.due_at == business_days_add(enquiry.submitted_at, 2)
    assert enquiry.language == "fr"
    logged = Interaction.objects.get(enquiry=enquiry)
    assert logged.channel == "web_enquiry" and logged.outcome == ContactOutcome.IN_PROGRESS
    assert http.get(response["Location"]).status_code == 200


def test_a_client_cannot_ask_about_someone_elses_case(holder):
    account, _case = holder
    someone_else = case_make()
    http = client_signed_in(account)
    for forged in (str(someone_else.pk), "999999", "abc"):
        response = http.post(
            "/en/help/questions/new/",
            {"case": forged, "reason": "status", "question": "Where is it?"},
        )
        assert response.status_code == 400
        assert "Choose one of the applications linked to your account." in (
            response.content.decode()
        )
    assert not Enquiry.objects.exists()
    assert AuditRecord.objects.filter(detail__contains="not linked to the account").count() == 2


def test_a_client_cannot_read_someone_elses_enquiry(holder, db):
    account, case = holder
    other = account_make()
    enquiry = Enquiry.objects.create(
        client_id=case.client_id,
        case=case,
        author=account.user,
        language="en",
        reason="status",
        question="?",
        submitted_at=dt.datetime(2026, 1, 5, tzinfo=dt.UTC),
        due_at=dt.datetime(2026, 1, 7, tzinfo=dt.UTC),
    )
    assert client_signed_in(other).get(f"/en/help/questions/{enquiry.pk}/").status_code == 404
    assert client_signed_in(account).get(f"/en/help/questions/{enquiry.pk}/").status_code == 200


def test_anonymous_and_staff_cannot_send_enquiries(client, agent_http, db):
    response = client.get("/en/help/questions/new/")
    assert response.status_code == 302
    assert agent_http.get("/en/help/questions/new/").status_code == 403


def test_an_agent_answers_through_the_outbox(holder, agent_http):
    account, case = holder
    http = client_signed_in(account)
    http.post(
        "/fr/aide/questions/nouvelle/",
        {"case": str(case.pk), "reason": "documents", "question": "Avez-vous reçu mes documents?"},
    )
    enquiry = Enquiry.objects.get()
    queue = agent_http.get("/en/contact-centre/questions/").content.decode()
    assert case.application_number in queue
    page = agent_http.get(f"/en/contact-centre/questions/{enquiry.pk}/")
    assert "Avez-vous reçu mes documents?" in page.content.decode()
    response = agent_http.post(
        f"/en/contact-centre/questions/{enquiry.pk}/",
        {"answer": "Oui, ils sont au dossier.", "answer_channel": "sms"},
    )
    assert response.status_code == 302
    enquiry.refresh_from_db()
    assert enquiry.status == EnquiryStatus.ANSWERED and enquiry.answered_by is not None
    notification = Notification.objects.get(purpose="enquiry_answer")
    assert notification.recipient == account.phone and notification.language == "fr"
    assert f"/fr/aide/questions/{enquiry.pk}/" in notification.body
    assert Interaction.objects.get(enquiry=enquiry, direction=Direction.INBOUND).outcome == (
        ContactOutcome.RESOLVED
    )
    assert Interaction.objects.filter(enquiry=enquiry, direction=Direction.OUTBOUND).exists()
    assert (
        "Oui, ils sont au dossier."
        in http.get(f"/fr/aide/questions/{enquiry.pk}/").content.decode()
    )
    again = agent_http.post(
        f"/en/contact-centre/questions/{enquiry.pk}/",
        {"answer": "Twice", "answer_channel": "email"},
    )
    assert again.status_code == 400
    assert Notification.objects.filter(purpose="enquiry_answer").count() == 1


def test_business_days_skip_weekends():
    friday = dt.datetime(2026, 11, 27, 15, 0, tzinfo=dt.UTC)
    assert business_days_add(friday, 2).date() == dt.date(2026, 12, 1)
    saturday = dt.datetime(2026, 11, 28, 15, 0, tzinfo=dt.UTC)
    assert business_days_add(saturday, 2).date() == dt.date(2026, 12, 2)


@pytest.mark.parametrize(
    "query,language",
    [
        ("biométrie", "fr"),  # the word of the issue: the article says « biométriques »
        ("BIOMETRIE", "fr"),
        ("empreinte digitale", "fr"),  # the article says « empreintes digitales »
        ("biometric", "en"),  # the article says "biometrics"
        ("fingerprint", "en"),
    ],
)
def test_search_finds_other_forms_of_a_word_without_accents(kb, query, language):
    """Issue 9.4: accents and endings (French and English stems) do not matter."""
    assert "biometrics" in [a.slug for a in kb_search(query=query, language=language)]


def test_search_words_are_stems_without_accents():
    from guichet.contact.search import search_text

    assert search_text("Biométrie, biométriques", language="fr") == "biometr biometr"
    assert search_text("l’empreinte d'identité", language="fr") == "l empreint d ident"
    assert search_text("Fingerprints", language="en") == "fingerprint"


def test_the_migration_stored_stems(kb):
    article = KbArticle.objects.get(slug="biometrics")
    assert "biometr" in article.search_fr.split()
    assert "é" not in article.search_fr
