from guichet.core.models.api_token import ApiToken
from guichet.core.models.audit import AuditRecord

__all__ = ["ApiToken", "AuditRecord"]
