"""DB_POOL=pgbouncer-transaction: the settings PgBouncer's transaction mode needs."""

from guichet.config.settings.database import database_from_env

URL = "postgres://guichet@db.internal:6432/guichet"


def test_through_pgbouncer_in_transaction_mode_nothing_relies_on_the_session(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", URL)
    monkeypatch.setenv("DB_POOL", "pgbouncer-transaction")
    config = database_from_env(required=True)
    assert config["OPTIONS"]["prepare_threshold"] is None
    assert config["DISABLE_SERVER_SIDE_CURSORS"] is True


def test_connected_directly_psycopg_and_django_keep_their_defaults(monkeypatch):
    monkeypatch.setenv("DATABASE_URL", URL)
    monkeypatch.delenv("DB_POOL", raising=False)
    config = database_from_env(required=True)
    assert "prepare_threshold" not in config.get("OPTIONS", {})
    assert not config.get("DISABLE_SERVER_SIDE_CURSORS", False)
