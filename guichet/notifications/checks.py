"""System checks: the worker can schedule later tasks, the providers are configured, and every
message text has its French in the compiled catalogue."""

from typing import Any

from django.core import checks
from django.core.exceptions import ImproperlyConfigured


@checks.register()
def notifications_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    from django_tasks import default_task_backend

    from guichet.notifications.providers import provider_name_for

    problems: list[checks.CheckMessage] = []
    if not default_task_backend.supports_defer:
        problems.append(
            checks.Error(
                "The default task backend cannot run a task later (run_after); notifications "
                "need it for retries, rate limits and recovery.",
                hint="Use django_tasks_db.DatabaseBackend.",
                id="notifications.E001",
            )
        )
    for channel in ("sms", "email"):
        try:
            provider_name_for(channel)
        except ImproperlyConfigured as error:
            problems.append(checks.Error(str(error), id="notifications.E002"))
    return problems


@checks.register()
def message_texts_check(app_configs: Any = None, **kwargs: Any) -> list[checks.CheckMessage]:
    """A message whose French is missing from the compiled catalogue would go out in English
    to a French-speaking client: refuse to start instead (`make translations` compiles)."""
    from guichet.notifications.message_templates import MESSAGES, untranslated_messages

    missing = untranslated_messages("fr")
    if not missing:
        return []
    names = ", ".join(f"{purpose}/{channel}" for purpose, channel in missing)
    return [
        checks.Error(
            f"{len(missing)} of {len(MESSAGES)} message texts have no French translation in the "
            f"compiled catalogue: {names}.",
            hint="Write the msgstr in guichet/notifications/locale/fr/LC_MESSAGES/django.po "
            "and run `make translations`.",
            id="notifications.E003",
        )
    ]
