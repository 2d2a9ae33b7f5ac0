from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case
from guichet.clients.models import Client
from guichet.contact.models.codes import ContactChannel, ContactOutcome, ContactReason, Direction


class Interaction(models.Model):
    """One contact with a client on any channel: the one interaction log per client and case.

    Calls to agents, phone self-service sessions, web enquiries and their answers, chats and
    follow-up messages all land here, so the agent desktop and the back office read one list.
    Written only through guichet.contact.services.
    """

    at = models.DateTimeField(_("when"), db_index=True)
    channel = models.CharField(_("channel"), max_length=20, choices=ContactChannel.choices)
    direction = models.CharField(
        _("direction"), max_length=3, choices=Direction.choices, default=Direction.INBOUND
    )
    reason = models.CharField(_("reason"), max_length=20, choices=ContactReason.choices)
    outcome = models.CharField(_("outcome"), max_length=20, choices=ContactOutcome.choices)
    client = models.ForeignKey(
        Client, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    agent = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("agent"),
    )
    kb_article = models.ForeignKey(
        "contact.KbArticle",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("knowledge-base article used"),
    )
    ivr_session = models.OneToOneField(
        "contact.IvrSession", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    enquiry = models.ForeignKey(
        "contact.Enquiry", null=True, blank=True, on_delete=models.CASCADE, related_name="+"
    )
    # What was said or done, for the next agent; staff only, never logged.
    summary = models.TextField(_("summary"), blank=True, max_length=2000)

    class Meta:
        ordering = ["-at", "-id"]
        indexes = [
            models.Index(fields=["case", "at"]),
            models.Index(fields=["client", "at"]),
            models.Index(fields=["channel", "at"]),
        ]
        permissions = [
            ("use_agent_desktop", "Can use the agent desktop"),
            ("view_channel_metrics", "Can view the channel metrics"),
        ]
        verbose_name = _("interaction")
        verbose_name_plural = _("interactions")

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.channel} {self.reason}"
