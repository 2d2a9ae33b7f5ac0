"""Writes of the status module: the stored status documents (the read model, ADR 0019)."""

from guichet.status.services.documents import (
    status_document_on_case_changed,
    status_documents_rebuild,
    status_documents_write,
)

__all__ = ["status_document_on_case_changed", "status_documents_rebuild", "status_documents_write"]
