"""Files a client sent are deleted some time after the decision; their row stays."""

import datetime as dt

import pytest
from django.core.files.storage import default_storage

from guichet.cases.services import case_decide
from guichet.core import clock
from guichet.documents.models import DocumentFile
from guichet.documents.services import document_files_purge, document_request_open, document_upload
from guichet.documents.tests.conftest import pdf_bytes, upload
from guichet.testing.factories import case_make, staff_make

pytestmark = pytest.mark.django_db


def sent(case, files: int = 1) -> list[DocumentFile]:
    officer = staff_make("officer")
    request = document_request_open(
        case_id=case.pk, step_code="completeness-check", description="A copy.", actor=officer
    )
    return [
        document_upload(
            case_id=case.pk,
            request_id=request.pk,
            upload=upload(pdf_bytes(), name="passeport-marie-eve.pdf"),
            uploader=officer,
        )
        for _ in range(files)
    ]


def test_only_files_of_cases_decided_long_enough_ago_are_deleted(settings):
    settings.RETENTION_DOCUMENT_FILE_DAYS = 730
    settings.RETENTION_BATCH_SIZE = 1  # several batches
    now = clock.now()
    long_ago = now - dt.timedelta(days=800)
    old, recent, open_case = (case_make(received_at=long_ago) for _ in range(3))
    old_files = sent(old, files=2)
    (recent_file,), (open_file,) = sent(recent), sent(open_case)
    case_decide(case_id=old.pk, outcome="withdrawn", actor=None, at=now - dt.timedelta(days=731))
    case_decide(case_id=recent.pk, outcome="withdrawn", actor=None, at=now - dt.timedelta(days=700))

    assert document_files_purge(now=now) == {"document_files": 2}
    for file in old_files:
        file.refresh_from_db()
        assert file.purged_at == now and file.label == ""  # the client's name for it goes
        assert not default_storage.exists(file.storage_name)
        assert file.sha256 and file.size  # what the audit needs stays
    for file in (recent_file, open_file):
        file.refresh_from_db()
        assert file.purged_at is None and default_storage.exists(file.storage_name)
    assert document_files_purge(now=now) == {"document_files": 0}  # idempotent
