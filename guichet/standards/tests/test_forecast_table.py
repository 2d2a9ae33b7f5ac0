"""The forecasts table is logged on PostgreSQL: replicas and a restored primary have it."""

import pytest
from django.db import connection

pytestmark = pytest.mark.django_db


@pytest.mark.skipif(connection.vendor != "postgresql", reason="UNLOGGED tables are PostgreSQL's")
def test_the_forecasts_table_is_logged():
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT relpersistence FROM pg_class WHERE relname = 'standards_caseforecast'"
        )
        (persistence,) = cursor.fetchone()
    assert persistence == "p"  # permanent; "u" would be UNLOGGED
