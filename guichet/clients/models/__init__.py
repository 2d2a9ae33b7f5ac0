from guichet.clients.models.client import Client, Language, Sex

__all__ = ["Client", "Language", "Sex"]
