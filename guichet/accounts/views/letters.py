"""A letter of a linked case, as a PDF download."""

from django.http import FileResponse, Http404, HttpRequest

from guichet.accounts.access import client_required, request_account
from guichet.accounts.selectors import case_link_get
from guichet.letters.downloads import letter_response
from guichet.letters.selectors import letter_get


@client_required  # type: ignore[arg-type]  # a file streams
def letter_download(request: HttpRequest, link_id: int, letter_id: int) -> FileResponse:
    """Only through a link of this account: a letter of any other case is not found."""
    link = case_link_get(account=request_account(request), link_id=link_id)
    letter = letter_get(case_id=link.case_id, letter_id=letter_id) if link else None
    if letter is None:
        raise Http404
    return letter_response(letter)
