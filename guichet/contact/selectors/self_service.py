"""Whether the phone line reads a service's status by itself (the per-service switch)."""

from dataclasses import dataclass

from django.conf import settings

from guichet.catalogue.selectors import service_list
from guichet.contact.models import SelfServiceSwitch


def _default(code: str) -> bool:
    if code in settings.CONTACT_IVR_SELF_SERVICE_OFF:
        return False
    if code in settings.CONTACT_IVR_SELF_SERVICE_ON:
        return True
    return bool(settings.CONTACT_IVR_SELF_SERVICE_DEFAULT)


def self_service_enabled(*, service_id: int, service_code: str) -> bool:
    """The switch for this service: its row if a manager set one, else the settings."""
    row = SelfServiceSwitch.objects.filter(service_id=service_id).values_list("enabled").first()
    return row[0] if row is not None else _default(service_code)


@dataclass(frozen=True)
class SwitchRow:
    service_code: str
    service_name: str
    enabled: bool
    explicit: bool  # set by a manager (else the default from the settings)


def self_service_table(*, language: str) -> list[SwitchRow]:
    """Every service with its switch, by name in `language` (two queries)."""
    rows = dict(SelfServiceSwitch.objects.values_list("service_id", "enabled"))
    return sorted(
        (
            SwitchRow(
                service_code=service.code,
                service_name=service.name(language),
                enabled=rows.get(service.pk, _default(service.code)),
                explicit=service.pk in rows,
            )
            for service in service_list()
        ),
        key=lambda row: row.service_name,
    )
