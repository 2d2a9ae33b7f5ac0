from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.clients.models import Language


class ClientAccount(models.Model):
    """A client's online account: the person signing in, not the applicant record.

    The Django user holds the password (Argon2) and uses the e-mail address, lower-cased, as its
    username. One account may follow several cases: the holder's own and family members'.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="client_account"
    )
    email = models.EmailField(_("e-mail address"), max_length=150, unique=True)
    # The language of the messages we send (pages follow the address the person opens).
    language = models.CharField(
        _("language of messages"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    # E.164, for text-message updates; empty until the holder gives one.
    phone = models.CharField(_("mobile phone number"), max_length=20, blank=True)
    email_verified_at = models.DateTimeField(null=True, blank=True)
    # Raised by "sign out everywhere": a session from an older epoch is ended on its next request.
    session_epoch = models.PositiveIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        verbose_name = _("client account")
        verbose_name_plural = _("client accounts")

    def __str__(self) -> str:
        return f"client account {self.pk}"

    @property
    def email_verified(self) -> bool:
        return self.email_verified_at is not None
