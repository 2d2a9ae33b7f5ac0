"""Background work: Django's Tasks API with the database backend (`manage.py db_worker`)."""

from guichet.config.env import env_str

TASKS = {
    "default": {
        "BACKEND": env_str("TASKS_BACKEND", "django_tasks_db.DatabaseBackend"),
    }
}
