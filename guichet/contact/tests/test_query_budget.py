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
# the replay guard (this request's digest inserted under a savepoint: 3; expired digests are
# deleted by the retention purge, not here), the phone session read or created under a
# savepoint and the call's interaction record (5).
CALL_START_BUDGET = 8


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
