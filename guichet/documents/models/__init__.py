from guichet.documents.models.document_file import DocumentFile, FileKind, FileReview
from guichet.documents.models.document_request import DocumentRequest, RequestStatus

__all__ = ["DocumentFile", "DocumentRequest", "FileKind", "FileReview", "RequestStatus"]
