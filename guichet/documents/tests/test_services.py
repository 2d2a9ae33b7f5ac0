"""A request for documents from the officer's ask to the step moving on."""

import pytest
from django.core.files.storage import default_storage

from guichet.cases.models import CaseEvent, CaseStep
from guichet.core.errors import Conflict, InvalidInput, NotFound
from guichet.core.models import AuditRecord
from guichet.documents.models import DocumentFile, DocumentRequest, FileReview, RequestStatus
from guichet.documents.services import (
    document_request_accept,
    document_request_open,
    document_request_refuse,
    document_upload,
)
from guichet.documents.tests.conftest import pdf_bytes, upload
from guichet.testing.factories import case_make, staff_make

pytestmark = pytest.mark.django_db
STEP = "completeness-check"
ASK = "Send a copy of your marriage certificate."


@pytest.fixture
def officer():
    return staff_make("officer")


@pytest.fixture
def asked(officer):
    case = case_make()
    return document_request_open(case_id=case.pk, step_code=STEP, description=ASK, actor=officer)


@pytest.fixture
def uploader(django_user_model):
    return django_user_model.objects.create_user(username="client@example.ca")


def step_state(case_id: int) -> str:
    return CaseStep.objects.get(case_id=case_id, step_type__code=STEP).state


def stored_files(media) -> list:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def test_opening_a_request_asks_the_client_at_the_step(asked):
    assert step_state(asked.case_id) == "action_required"
    assert asked.description == ASK and asked.status == RequestStatus.OPEN
    event = CaseEvent.objects.filter(case_id=asked.case_id).latest("sequence")
    assert (event.new_state, event.client_note) == ("action_required", ASK)


def test_an_upload_is_stored_attached_audited_and_in_the_history(asked, uploader):
    document = document_upload(
        case_id=asked.case_id, request_id=asked.pk, upload=upload(pdf_bytes()), uploader=uploader
    )
    assert document.case_id == asked.case_id and document.label == "document.pdf"
    assert default_storage.exists(document.storage_name)
    asked.refresh_from_db()
    assert asked.status == RequestStatus.SUBMITTED
    event = CaseEvent.objects.filter(case_id=asked.case_id).latest("sequence")
    assert event.kind == "documents"
    audit = AuditRecord.objects.filter(target_type="document", target_id=str(document.pk)).get()
    assert audit.action == "create" and audit.actor == uploader
    # The step waits for the officer: sending is not answering.
    assert step_state(asked.case_id) == "action_required"


def test_an_upload_to_another_case_is_not_found_and_leaves_nothing(asked, uploader, media_in_tmp):
    other = case_make()
    with pytest.raises(NotFound) as caught:
        document_upload(
            case_id=other.pk, request_id=asked.pk, upload=upload(pdf_bytes()), uploader=uploader
        )
    assert caught.value.field == "request"
    assert not DocumentFile.objects.exists()
    assert stored_files(media_in_tmp) == []


def test_a_refused_file_leaves_nothing(asked, uploader, media_in_tmp):
    with pytest.raises(InvalidInput):
        document_upload(
            case_id=asked.case_id,
            request_id=asked.pk,
            upload=upload(pdf_bytes(script=True)),
            uploader=uploader,
        )
    assert not DocumentFile.objects.exists()
    assert stored_files(media_in_tmp) == []
    asked.refresh_from_db()
    assert asked.status == RequestStatus.OPEN


def test_the_eicar_file_is_refused_and_not_kept(asked, uploader, eicar_scanner, eicar_pdf):
    with pytest.raises(InvalidInput) as caught:
        document_upload(
            case_id=asked.case_id, request_id=asked.pk, upload=upload(eicar_pdf), uploader=uploader
        )
    assert "antivirus" in caught.value.text("en")
    assert not DocumentFile.objects.exists()


def test_accepting_moves_the_step_on_and_closes_the_request(asked, uploader, officer, media_in_tmp):
    document_upload(
        case_id=asked.case_id, request_id=asked.pk, upload=upload(pdf_bytes()), uploader=uploader
    )
    document_request_accept(case_id=asked.case_id, request_id=asked.pk, actor=officer)
    asked.refresh_from_db()
    assert asked.status == RequestStatus.ACCEPTED and asked.reviewed_by == officer
    assert step_state(asked.case_id) == "in_progress"
    assert DocumentFile.objects.get().review == FileReview.ACCEPTED
    # An answered request takes nothing more, and the refused file is not kept.
    with pytest.raises(Conflict) as caught:
        document_upload(
            case_id=asked.case_id,
            request_id=asked.pk,
            upload=upload(pdf_bytes()),
            uploader=uploader,
        )
    assert caught.value.field == "file"
    assert "already been answered" in caught.value.text("en")
    assert len(stored_files(media_in_tmp)) == 1


def test_nothing_to_accept_before_the_client_sends(asked, officer):
    with pytest.raises(Conflict):
        document_request_accept(case_id=asked.case_id, request_id=asked.pk, actor=officer)
    assert step_state(asked.case_id) == "action_required"


def test_refusing_needs_a_reason_and_tells_the_client(asked, uploader, officer):
    document_upload(
        case_id=asked.case_id, request_id=asked.pk, upload=upload(pdf_bytes()), uploader=uploader
    )
    with pytest.raises(InvalidInput) as caught:
        document_request_refuse(
            case_id=asked.case_id, request_id=asked.pk, actor=officer, reason=" "
        )
    assert caught.value.field == "reason"
    reason = "The copy is not readable."
    document_request_refuse(
        case_id=asked.case_id, request_id=asked.pk, actor=officer, reason=reason
    )
    request = DocumentRequest.objects.get(pk=asked.pk)
    assert (request.status, request.refusal_reason) == (RequestStatus.OPEN, reason)
    assert DocumentFile.objects.get().review == FileReview.REFUSED
    event = CaseEvent.objects.filter(case_id=asked.case_id).latest("sequence")
    assert (event.kind, event.client_note) == ("doc_refuse", reason)
    assert step_state(asked.case_id) == "action_required"
    # The client may send again.
    document_upload(
        case_id=asked.case_id, request_id=asked.pk, upload=upload(pdf_bytes()), uploader=uploader
    )
    assert DocumentRequest.objects.get(pk=asked.pk).status == RequestStatus.SUBMITTED


def test_a_paper_answer_lands_on_the_same_request(asked, officer):
    from guichet.documents.services import document_paper_record

    document_paper_record(case_id=asked.case_id, request_id=asked.pk, actor=officer)
    request = DocumentRequest.objects.get(pk=asked.pk)
    assert request.status == RequestStatus.SUBMITTED and request.paper_received_at is not None
    assert CaseEvent.objects.filter(case_id=asked.case_id).latest("sequence").kind == "documents"
    document_request_accept(case_id=asked.case_id, request_id=asked.pk, actor=officer)
    assert step_state(asked.case_id) == "in_progress"
    with pytest.raises(Conflict):
        document_paper_record(case_id=asked.case_id, request_id=asked.pk, actor=officer)
