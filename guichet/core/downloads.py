"""A client's file as a download: never shown inline, never sniffed, never cached."""

from typing import IO

from django.http import FileResponse


def private_file_response(handle: IO[bytes], *, filename: str, content_type: str) -> FileResponse:
    """The file as an attachment, with the headers every personal download carries (a PDF
    reader in the browser is not ours, and a shared cache must not keep the file)."""
    response = FileResponse(
        handle, as_attachment=True, filename=filename, content_type=content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["Cache-Control"] = "no-store"
    return response
