"""Reads of document requests, for the client's case page and the officer's."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.files import File
from django.core.files.storage import default_storage
from django.db.models import Prefetch

from guichet.catalogue.selectors import catalogue_get
from guichet.documents.models import DocumentFile, DocumentRequest, RequestStatus


@dataclass(frozen=True)
class RequestView:
    request: DocumentRequest
    step_name: str
    files: list[DocumentFile]

    @property
    def answerable(self) -> bool:
        return self.request.answerable

    @property
    def to_review(self) -> bool:
        return self.request.status == RequestStatus.SUBMITTED


def document_requests_for_case(*, case_id: int, language: str) -> list[RequestView]:
    """Every request of the case, newest first, with its files (two queries)."""
    step_types = catalogue_get().step_types
    requests = (
        DocumentRequest.objects.filter(case_id=case_id)
        .order_by("-requested_at", "-id")
        .prefetch_related(Prefetch("files", queryset=DocumentFile.objects.order_by("uploaded_at")))
    )
    return [
        RequestView(
            request=request,
            step_name=step_types[request.step_type_id].name(language),
            files=list(request.files.all()),
        )
        for request in requests
    ]


def document_file_get(*, case_id: int, file_id: int) -> DocumentFile | None:
    """One file of the case, or None (a file of another case is not found)."""
    return DocumentFile.objects.filter(pk=file_id, case_id=case_id).first()


def document_file_open(document: DocumentFile) -> File:
    """The file's bytes from storage, as a file object."""
    return default_storage.open(document.storage_name, "rb")
