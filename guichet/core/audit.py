"""Writing the audit trail. Every staff read or change of a client's file goes through here."""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User

from guichet.core.models import AuditRecord


def audit_record(
    *,
    actor: AbstractBaseUser | AnonymousUser | None,
    action: str,
    target_type: str,
    target_id: str | int = "",
    detail: str = "",
) -> AuditRecord:
    """Append one audit record. `detail` must not hold personal data."""
    user = actor if isinstance(actor, User) else None
    return AuditRecord.objects.create(
        actor=user,
        actor_username=user.get_username() if user is not None else "anonymous",
        action=action,
        target_type=target_type,
        target_id=str(target_id),
        detail=detail[:200],
    )
