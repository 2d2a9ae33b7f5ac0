"""The client answers a request for documents from the case page: what is asked is shown, a
file is sent, and every refusal names the field in the page's language and keeps nothing."""

import pytest
from django.urls import reverse
from django.utils import translation

from guichet.accounts.tests.conftest import link_make, signed_in
from guichet.documents.models import DocumentFile, DocumentRequest, RequestStatus
from guichet.documents.services import document_request_accept, document_request_open
from guichet.documents.tests.conftest import jpeg_bytes, media_in_tmp, pdf_bytes, upload  # noqa: F401
from guichet.testing.factories import staff_make

pytestmark = pytest.mark.django_db
ASK = "Send a copy of your marriage certificate."


@pytest.fixture
def officer(db):
    return staff_make("officer")


@pytest.fixture
def asked(case, officer):
    return document_request_open(
        case_id=case.pk, step_code="completeness-check", description=ASK, actor=officer
    )


def send_url(link, request, language="en"):
    with translation.override(language):
        return reverse(
            "accounts:document-send", kwargs={"link_id": link.pk, "request_id": request.pk}
        )


def page_url(link, language="en"):
    with translation.override(language):
        return reverse("accounts:case", kwargs={"link_id": link.pk})


def test_the_case_page_shows_what_is_asked_with_a_form(account, case, asked):
    link = link_make(account, case)
    page = signed_in(account).get(page_url(link))
    assert "Documents we asked for" in page.text
    assert ASK in page.text
    assert send_url(link, asked) in page.text
    assert 'enctype="multipart/form-data"' in page.text


def test_send_a_file_in_french(account, case, asked):
    link = link_make(account, case)
    http = signed_in(account)
    response = http.post(
        send_url(link, asked, "fr"), {"file": upload(jpeg_bytes(), "acte.jpg", "image/jpeg")}
    )
    assert response.status_code == 302
    page = http.get(response["Location"])
    assert "Nous avons reçu votre fichier." in page.text
    document = DocumentFile.objects.get()
    assert (document.case_id, document.uploaded_by) == (case.pk, account.user)
    assert DocumentRequest.objects.get(pk=asked.pk).status == RequestStatus.SUBMITTED


@pytest.mark.parametrize(
    ("data", "english", "french"),
    [
        (b"<script>alert(1)</script>", "must be a PDF, JPEG or PNG", "doit être un fichier PDF"),
        (b"%PDF-1.7 broken", "could not be read", "pas pu être lu"),
    ],
)
def test_a_bad_file_is_refused_naming_the_field(account, case, asked, data, english, french):
    link = link_make(account, case)
    http = signed_in(account)
    page = http.post(send_url(link, asked), {"file": upload(data, "letter.pdf")})
    assert page.status_code == 400
    assert "File (PDF, JPEG or PNG): " in page.text and english in page.text
    assert 'aria-invalid="true"' in page.text
    page = http.post(send_url(link, asked, "fr"), {"file": upload(data, "lettre.pdf")})
    assert french in page.text
    assert not DocumentFile.objects.exists()


def test_a_script_in_a_pdf_is_refused(account, case, asked):
    link = link_make(account, case)
    page = signed_in(account).post(send_url(link, asked), {"file": upload(pdf_bytes(script=True))})
    assert page.status_code == 400 and "contains a script" in page.text
    assert not DocumentFile.objects.exists()


def test_no_file_is_refused(account, case, asked):
    link = link_make(account, case)
    page = signed_in(account).post(send_url(link, asked), {})
    assert page.status_code == 400 and "Choose a file to send." in page.text


def test_a_request_of_someone_else_s_case_is_not_found(account, case, other_case, officer):
    link = link_make(account, case)
    theirs = document_request_open(
        case_id=other_case.pk, step_code="completeness-check", description=ASK, actor=officer
    )
    response = signed_in(account).post(send_url(link, theirs), {"file": upload(pdf_bytes())})
    assert response.status_code == 404
    assert not DocumentFile.objects.exists()


def test_another_account_s_link_is_not_found(account, case, asked):
    from guichet.accounts.tests.conftest import account_make

    link = link_make(account, case)
    stranger = account_make()
    response = signed_in(stranger).post(send_url(link, asked), {"file": upload(pdf_bytes())})
    assert response.status_code == 404
    assert not DocumentFile.objects.exists()


def test_an_answered_request_takes_no_more_files(account, case, asked, officer):
    link = link_make(account, case)
    http = signed_in(account)
    http.post(send_url(link, asked), {"file": upload(pdf_bytes())})
    document_request_accept(case_id=case.pk, request_id=asked.pk, actor=officer)
    page = http.post(send_url(link, asked), {"file": upload(pdf_bytes())})
    assert page.status_code == 400
    assert "already been answered" in page.text
    assert DocumentFile.objects.count() == 1
    # The page no longer offers a form for it.
    assert send_url(link, asked) not in http.get(page_url(link)).text
