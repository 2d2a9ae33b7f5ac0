"""The officer's side of a request for documents: the files on the case page, a download that
is audited, accept (the step moves on) or refuse with a reason (the client reads it)."""

import pytest
from django.urls import reverse
from django.utils import translation

from guichet.cases.models import CaseStep
from guichet.core.models import AuditRecord
from guichet.documents.models import DocumentRequest, RequestStatus
from guichet.documents.services import document_upload
from guichet.documents.tests.conftest import media_in_tmp, pdf_bytes, upload  # noqa: F401
from guichet.testing.factories import case_make, staff_make

pytestmark = pytest.mark.django_db
STEP = "completeness-check"


def url(name, case, language="en", **kwargs):
    with translation.override(language):
        return reverse(f"backoffice:{name}", kwargs={"case_id": case.pk, **kwargs})


@pytest.fixture
def sent(officer_http, case, django_user_model):
    """The officer asked; the client sent one PDF."""
    officer_http.post(
        url("documents-request", case), {"step": STEP, "client_note": "Send your passport."}
    )
    request = DocumentRequest.objects.get(case=case)
    document = document_upload(
        case_id=case.pk,
        request_id=request.pk,
        upload=upload(pdf_bytes()),
        uploader=django_user_model.objects.create_user(username="client@example.ca"),
    )
    return request, document


def test_asking_for_documents_opens_a_request_with_the_note(officer_http, case):
    officer_http.post(
        url("documents-request", case), {"step": STEP, "client_note": "Send your passport."}
    )
    request = DocumentRequest.objects.get(case=case)
    assert (request.description, request.status) == ("Send your passport.", RequestStatus.OPEN)


def test_the_case_page_lists_the_files_and_the_download_is_audited(officer_http, case, sent):
    _, document = sent
    page = officer_http.get(url("case", case))
    assert "Documents requested" in page.text
    file_url = url("document-file", case, file_id=document.pk)
    assert file_url in page.text
    response = officer_http.get(file_url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("attachment")
    assert b"".join(response.streaming_content).startswith(b"%PDF-")
    assert AuditRecord.objects.filter(
        action="view", target_type="document", target_id=str(document.pk)
    ).exists()


def test_a_file_of_another_case_is_not_found(officer_http, case, sent):
    _, document = sent
    other_case = case_make()
    assert (
        officer_http.get(url("document-file", other_case, file_id=document.pk)).status_code == 404
    )


def test_accept_moves_the_step_on(officer_http, case, sent):
    request, _ = sent
    response = officer_http.post(url("documents-accept", case, request_id=request.pk))
    assert response.status_code == 302
    page = officer_http.get(response["Location"])
    assert "The documents are accepted and the step has moved on." in page.text
    assert CaseStep.objects.get(case=case, step_type__code=STEP).state == "in_progress"


def test_refuse_without_a_reason_names_the_field(officer_http, case, sent):
    request, _ = sent
    response = officer_http.post(
        url("documents-refuse", case, request_id=request.pk), {"reason": ""}
    )
    page = officer_http.get(response["Location"])
    assert "Reason: Tell the client why the documents are not accepted" in page.text
    assert DocumentRequest.objects.get(pk=request.pk).status == RequestStatus.SUBMITTED


def test_refuse_in_french(case, sent):
    from django.test import Client as HttpClient

    http = HttpClient()
    http.force_login(staff_make("officer"))
    request, _ = sent
    response = http.post(
        url("documents-refuse", case, "fr", request_id=request.pk), {"reason": "Illisible."}
    )
    page = http.get(response["Location"])
    assert "Les documents ne sont pas acceptés." in page.text
    assert DocumentRequest.objects.get(pk=request.pk).refusal_reason == "Illisible."


def test_an_agent_cannot_accept(case, sent):
    from django.test import Client as HttpClient

    http = HttpClient()
    http.force_login(staff_make("agent"))
    request, _ = sent
    response = http.post(url("documents-accept", case, request_id=request.pk))
    assert response.status_code == 403
    assert DocumentRequest.objects.get(pk=request.pk).status == RequestStatus.SUBMITTED


def test_an_answer_on_paper_is_recorded_then_accepted(officer_http, case):
    officer_http.post(
        url("documents-request", case), {"step": STEP, "client_note": "Send your passport."}
    )
    request = DocumentRequest.objects.get(case=case)
    page = officer_http.get(url("case", case))
    assert url("documents-paper", case, request_id=request.pk) in page.text
    response = officer_http.post(url("documents-paper", case, request_id=request.pk))
    page = officer_http.get(response["Location"])
    assert "The paper answer is recorded." in page.text
    assert "Answer received on paper on" in page.text
    officer_http.post(url("documents-accept", case, request_id=request.pk))
    assert CaseStep.objects.get(case=case, step_type__code=STEP).state == "in_progress"
