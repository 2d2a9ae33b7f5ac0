"""Query budgets of the contact centre's hot paths: the help centre a client searches before
calling, and the phone line's call start. A new query here costs every visit or every call;
raise a budget only on purpose."""

import pytest
from django.db import connection
from django.test import Client as HttpClient
from django.test.utils import CaptureQueriesContext

from guichet.contact.services.knowledge_base import kb_load

pytestmark = pytest.mark.django_db

# the categories (articles come from the same query)
HELP_INDEX_BUDGET = 1
# the categories, and the search
HELP_SEARCH_BUDGET = 2
# the article with its category, and the related articles of that category
HELP_ARTICLE_BUDGET = 2
# the phone session read, then created, and the call's interaction record (3), in the
# request's transaction (a savepoint pair inside the test's). The voice URL accepts a repeat,
# so its digest is not stored for the replay guard (3 fewer: issue 10).
CALL_START_BUDGET = 5


def _count(call) -> int:
    with CaptureQueriesContext(connection) as queries:
        status = call()
    assert status == 200
    return len(queries)


@pytest.fixture
def kb(db):
    kb_load()


def test_help_pages_stay_within_their_budgets(kb):
    http = HttpClient()
    http.get("/en/help/")  # first visit of the process: caches warm
    assert _count(lambda: http.get("/en/help/").status_code) <= HELP_INDEX_BUDGET
    assert _count(lambda: http.get("/fr/aide/?q=statut").status_code) <= HELP_SEARCH_BUDGET
    assert (
        _count(lambda: http.get("/en/help/articles/check-status/").status_code)
        <= HELP_ARTICLE_BUDGET
    )


def test_a_call_start_stays_within_its_budget(phone):
    phone().start()  # warm
    call = phone()
    assert _count(lambda: call.start().status) <= CALL_START_BUDGET


def test_the_call_start_stores_no_replay_digest_and_a_menu_request_does(phone):
    from guichet.contact.models import IvrRequestSeen

    call = phone()
    call.start()
    assert IvrRequestSeen.objects.count() == 0
    call.press("1")  # the language: a URL that refuses a repeat remembers the request
    assert IvrRequestSeen.objects.count() == 1
