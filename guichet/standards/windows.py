"""Which trailing window of decisions applies to a service (settings.STANDARDS_WINDOW_*)."""

from django.conf import settings

from guichet.catalogue.models import Service


def window_days(service: Service) -> int:
    by_service: dict[str, int] = settings.STANDARDS_WINDOW_DAYS_BY_SERVICE
    if service.code in by_service:
        return by_service[service.code]
    by_category: dict[str, int] = settings.STANDARDS_WINDOW_DAYS_BY_CATEGORY
    return by_category.get(service.category, settings.STANDARDS_WINDOW_DAYS_PERMANENT)
