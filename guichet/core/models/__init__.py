from guichet.core.models.audit import AuditRecord

__all__ = ["AuditRecord"]
