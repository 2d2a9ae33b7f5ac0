"""Writes of document requests: open one, answer it with a file, accept or refuse what came.

Each is one transaction with its audit record. The step of the case moves only through
guichet.cases.services: to action_required when a request opens, back to in_progress when an
officer accepts the files. A file is written to storage before its row; if the transaction then
fails, the file is removed, so nothing is left half-saved.
"""

from __future__ import annotations

import datetime as dt
import os
import uuid

from django.conf import settings
from django.contrib.auth.models import User
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case, CaseStatus, EventKind
from guichet.cases.services import case_note_record, case_step_update
from guichet.catalogue.models import StepState
from guichet.catalogue.selectors import catalogue_get
from guichet.core import clock
from guichet.core.audit import audit_record
from guichet.core.errors import Conflict, InvalidInput, NotFound
from guichet.documents.files import document_clean
from guichet.documents.models import (
    DocumentFile,
    DocumentRequest,
    FileKind,
    FileReview,
    RequestStatus,
)

DOCUMENT_DIR = "documents"
REASON_MAX = 2000
LABEL_MAX = 100


@transaction.atomic
def document_request_open(
    *, case_id: int, step_code: str, description: str, actor: User | None
) -> DocumentRequest:
    """Ask the client for documents at one step: the step shows action_required with the
    description as its note, and the request waits for the client's files."""
    step = case_step_update(
        case_id=case_id,
        step_code=step_code,
        state=StepState.ACTION_REQUIRED,
        actor=actor,
        client_note=description,
    )
    return DocumentRequest.objects.create(
        case_id=case_id,
        step_type_id=step.step_type_id,
        description=description.strip(),
        requested_at=step.updated_at,
        requested_by=actor,
    )


def _request_locked(*, request_id: int, case_id: int) -> DocumentRequest:
    request = (
        DocumentRequest.objects.select_for_update().filter(pk=request_id, case_id=case_id).first()
    )
    if request is None:
        raise NotFound(_("This request for documents does not exist."), field="request")
    return request


def _label(name: str | None) -> str:
    """The file's own name, without folders or control characters, for staff to read."""
    base = os.path.basename((name or "").replace("\\", "/"))
    return "".join(ch for ch in base if ch.isprintable())[:LABEL_MAX]


def document_upload(
    *,
    case_id: int,
    request_id: int,
    upload: UploadedFile | None,
    uploader: User,
) -> DocumentFile:
    """Answer a request with one file. The caller has proved the uploader may act on `case_id`
    (a linked account); a request of another case is not found, an accepted one refused."""
    clean = document_clean(upload)  # before any write: a refused file leaves nothing behind
    extension = "pdf" if clean.kind == FileKind.PDF else "jpg"
    name = default_storage.save(
        f"{DOCUMENT_DIR}/{uuid.uuid4().hex}.{extension}", ContentFile(clean.data)
    )
    try:
        return _file_record(
            case_id=case_id,
            request_id=request_id,
            storage_name=name,
            clean_kind=clean.kind,
            size=len(clean.data),
            sha256=clean.sha256,
            label=_label(getattr(upload, "name", "")),
            uploader=uploader,
        )
    except BaseException:
        default_storage.delete(name)
        raise


@transaction.atomic
def _file_record(
    *,
    case_id: int,
    request_id: int,
    storage_name: str,
    clean_kind: str,
    size: int,
    sha256: str,
    label: str,
    uploader: User,
) -> DocumentFile:
    request = _request_locked(request_id=request_id, case_id=case_id)
    if not request.answerable:
        raise Conflict(
            _("This request has already been answered: there is nothing more to send."),
            field="file",
        )
    if Case.objects.filter(pk=case_id, status=CaseStatus.DECIDED).exists():
        raise Conflict(
            _("A decision has been made on this application: documents can no longer be sent."),
            field="file",
        )
    now = clock.now()
    document = DocumentFile.objects.create(
        request=request,
        case_id=case_id,
        storage_name=storage_name,
        kind=clean_kind,
        size=size,
        sha256=sha256,
        label=label,
        uploaded_at=now,
        uploaded_by=uploader,
    )
    _request_submitted(request, actor=None, at=now)
    audit_record(
        actor=uploader,
        action="create",
        target_type="document",
        target_id=document.pk,
        detail=f"file sent for document request {request.pk} of case {case_id}",
    )
    return document


def _request_submitted(
    request: DocumentRequest, *, actor: User | None, at: dt.datetime, also: list[str] | None = None
) -> None:
    """The request now waits for an officer; the first answer of a round (online or on
    paper) is told in the client's history, later files of the same round are not."""
    first_of_round = request.status == RequestStatus.OPEN
    request.status = RequestStatus.SUBMITTED
    request.save(update_fields=["status", *(also or [])])
    if first_of_round:
        case_note_record(
            case_id=request.case_id,
            kind=EventKind.DOCUMENTS,
            actor=actor,
            step_code=catalogue_get().step_types[request.step_type_id].code,
            at=at,
        )


@transaction.atomic
def document_paper_record(*, case_id: int, request_id: int, actor: User) -> DocumentRequest:
    """Record that the answer came on paper: the request waits for an officer as if the files
    had been sent online, and the client's history says the documents arrived."""
    request = _request_locked(request_id=request_id, case_id=case_id)
    if not request.answerable:
        raise Conflict(
            _("This request has already been answered: there is nothing more to send."),
            field="request",
        )
    now = clock.now()
    request.paper_received_at = now
    _request_submitted(request, actor=actor, at=now, also=["paper_received_at"])
    audit_record(
        actor=actor,
        action="change",
        target_type="case",
        target_id=case_id,
        detail=f"paper answer recorded for document request {request.pk}",
    )
    return request


@transaction.atomic
def document_request_accept(*, case_id: int, request_id: int, actor: User) -> DocumentRequest:
    """Accept the files sent: the request closes and the step moves on (in_progress)."""
    request = _request_locked(request_id=request_id, case_id=case_id)
    if request.status != RequestStatus.SUBMITTED:
        raise Conflict(_("There are no new files to accept on this request."), field="request")
    request.status, request.reviewed_at, request.reviewed_by = (
        RequestStatus.ACCEPTED,
        clock.now(),
        actor,
    )
    request.refusal_reason = ""
    request.save(update_fields=["status", "reviewed_at", "reviewed_by", "refusal_reason"])
    request.files.filter(review=FileReview.PENDING).update(review=FileReview.ACCEPTED)
    step_code = catalogue_get().step_types[request.step_type_id].code
    step = Case.objects.get(pk=case_id).steps.get(step_type_id=request.step_type_id)
    if step.state == StepState.ACTION_REQUIRED:
        case_step_update(
            case_id=case_id,
            step_code=step_code,
            state=StepState.IN_PROGRESS,
            actor=actor,
        )
    audit_record(
        actor=actor,
        action="change",
        target_type="case",
        target_id=case_id,
        detail=f"documents accepted for request {request.pk}",
    )
    return request


@transaction.atomic
def document_request_refuse(
    *, case_id: int, request_id: int, actor: User, reason: str
) -> DocumentRequest:
    """Refuse the files sent, saying why: the client reads the reason (on the case page and in
    the history, with the usual update message) and sends new ones; the step keeps waiting."""
    reason = (reason or "").strip()
    if not reason:
        raise InvalidInput(
            _("Tell the client why the documents are not accepted: the reason is required."),
            field="reason",
        )
    if len(reason) > REASON_MAX:
        raise InvalidInput(
            _("This field is too long (at most %(limit)s characters)."),
            field="reason",
            limit=REASON_MAX,
        )
    request = _request_locked(request_id=request_id, case_id=case_id)
    if request.status != RequestStatus.SUBMITTED:
        raise Conflict(_("There are no new files to refuse on this request."), field="request")
    request.status, request.reviewed_at, request.reviewed_by, request.refusal_reason = (
        RequestStatus.OPEN,
        clock.now(),
        actor,
        reason,
    )
    request.save(update_fields=["status", "reviewed_at", "reviewed_by", "refusal_reason"])
    request.files.filter(review=FileReview.PENDING).update(review=FileReview.REFUSED)
    case_note_record(
        case_id=case_id,
        kind=EventKind.DOCUMENTS_REFUSED,
        actor=actor,
        client_note=reason,
        step_code=catalogue_get().step_types[request.step_type_id].code,
    )
    audit_record(
        actor=actor,
        action="change",
        target_type="case",
        target_id=case_id,
        detail=f"documents refused for request {request.pk}",
    )
    return request


def document_files_purge(*, now: dt.datetime) -> dict[str, int]:
    """Delete the bytes of files sent for cases decided more than RETENTION_DOCUMENT_FILE_DAYS
    ago; each row stays (kind, size, digest, dates) without the client's file name. In batches;
    a file already gone from storage counts as deleted."""
    cutoff = now - dt.timedelta(days=settings.RETENTION_DOCUMENT_FILE_DAYS)
    due = DocumentFile.objects.filter(
        purged_at__isnull=True, case__status=CaseStatus.DECIDED, case__decided_at__lt=cutoff
    )
    purged = 0
    while batch := list(
        due.order_by("pk").values_list("pk", "storage_name")[: settings.RETENTION_BATCH_SIZE]
    ):
        for _pk, name in batch:
            default_storage.delete(name)  # no error when it is already gone
        purged += DocumentFile.objects.filter(pk__in=[pk for pk, _name in batch]).update(
            purged_at=now, label=""
        )
    return {"document_files": purged}
