"""Database: DATABASE_URL, SQLite in WAL mode at var/guichet.sqlite3 by default."""

from pathlib import Path
from typing import Any

import dj_database_url

from guichet.config.env import env_int, env_str

BASE_DIR = Path(__file__).resolve().parents[3]
DEFAULT_SQLITE = BASE_DIR / "var" / "guichet.sqlite3"


def database_from_env(*, required: bool = False) -> dict[str, Any]:
    """The database DATABASE_URL names. With `required` (production), a missing DATABASE_URL
    is an ImproperlyConfigured error at start-up instead of a quiet fall-back to a local
    SQLite file that a second web machine would never see."""
    url = env_str("DATABASE_URL", None if required else f"sqlite:///{DEFAULT_SQLITE}")
    config: dict[str, Any] = dict(
        dj_database_url.parse(url, conn_max_age=env_int("DB_CONN_MAX_AGE", 60))
    )
    if config["ENGINE"] == "django.db.backends.sqlite3":
        Path(config["NAME"]).parent.mkdir(parents=True, exist_ok=True)
        config["OPTIONS"] = {
            # IMMEDIATE takes the write lock when a transaction starts, so two writers
            # queue up instead of one failing half-way (SQLite has no row locks).
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
            "init_command": (
                "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA foreign_keys=ON;"
            ),
        }
    elif config["ENGINE"] == "django.db.backends.postgresql" and pgbouncer_transaction_mode():
        # Behind PgBouncer in transaction mode (docs/deployment.md), each transaction may run
        # on another server connection: nothing may rely on session state. psycopg must not
        # prepare statements on the server (it does after 5 runs of one query by default).
        config.setdefault("OPTIONS", {})["prepare_threshold"] = None
        # A server-side cursor outlives its transaction in autocommit (WITH HOLD): off.
        config["DISABLE_SERVER_SIDE_CURSORS"] = True
    return config


def pgbouncer_transaction_mode() -> bool:
    """DB_POOL=pgbouncer-transaction: Django connects through PgBouncer's transaction mode."""
    return env_str("DB_POOL", "") == "pgbouncer-transaction"


DATABASES = {"default": database_from_env()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
