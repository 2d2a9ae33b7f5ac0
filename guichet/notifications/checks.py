"""System checks: the worker can schedule later tasks, and the providers are configured."""

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
