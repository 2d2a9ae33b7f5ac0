from django.db import models


class IvrRequestSeen(models.Model):
    """A signed phone-line webhook already answered, so that the same request replayed is
    refused (contact.ivr.signature). `digest` is a hash of the signature, which itself covers
    the URL (with its one-time `t` parameter) and every parameter Twilio posted."""

    digest = models.CharField(max_length=64, unique=True)
    seen_at = models.DateTimeField(db_index=True)

    def __str__(self) -> str:
        return self.digest[:12]
