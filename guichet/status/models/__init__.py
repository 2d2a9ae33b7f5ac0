from guichet.status.models.document import StatusDocument

__all__ = ["StatusDocument"]
