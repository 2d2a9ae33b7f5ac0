"""Turning the phone line's self-service on or off for a line of business."""

from django.contrib.auth.models import User
from django.db import transaction

from guichet.catalogue.selectors import service_get
from guichet.contact.models import SelfServiceSwitch
from guichet.core import clock
from guichet.core.audit import audit_record


@transaction.atomic
def self_service_switch(*, actor: User, service_code: str, enabled: bool) -> SelfServiceSwitch:
    """Set the switch of one service (raises NotFound for an unknown code); audited."""
    service = service_get(code=service_code, field="service")
    switch, _created = SelfServiceSwitch.objects.update_or_create(
        service=service,
        defaults={"enabled": enabled, "changed_at": clock.now(), "changed_by": actor},
    )
    audit_record(
        actor=actor,
        action="change",
        target_type="service",
        target_id=service.code,
        detail=f"phone self-service turned {'on' if enabled else 'off'}",
    )
    return switch
