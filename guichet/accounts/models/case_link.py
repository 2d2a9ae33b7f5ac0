from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.accounts.models.account import ClientAccount
from guichet.cases.models import Case


class LinkRoute(models.TextChoices):
    APPLICATION_NUMBER = "number", _("Application number, family name and date of birth")
    UCI = "uci", _("UCI, names and date of birth")


class CaseLink(models.Model):
    """A case an account may follow, because its holder proved who the applicant is.

    A case may be linked to several accounts (an applicant and a representative, say); each
    earlier holder is told by e-mail when another account links it.
    """

    account = models.ForeignKey(ClientAccount, on_delete=models.CASCADE, related_name="links")
    case = models.ForeignKey(Case, on_delete=models.CASCADE, related_name="+")
    route = models.CharField(max_length=10, choices=LinkRoute.choices)
    linked_at = models.DateTimeField()
    # Updates on every client-visible change, by text message and/or e-mail.
    notify_sms = models.BooleanField(_("text message"), default=False)
    notify_email = models.BooleanField(_("e-mail"), default=False)

    class Meta:
        ordering = ["-linked_at", "-id"]
        constraints = [
            models.UniqueConstraint(fields=["account", "case"], name="case_link_once"),
        ]
        indexes = [models.Index(fields=["case"], name="case_link_case_idx")]
        verbose_name = _("linked application")
        verbose_name_plural = _("linked applications")

    def __str__(self) -> str:
        return f"account {self.account_id} → case {self.case_id}"

    def channels(self) -> list[str]:
        """The channels this link wants updates on, text message first."""
        return [
            channel
            for channel, wanted in (("sms", self.notify_sms), ("email", self.notify_email))
            if wanted
        ]
