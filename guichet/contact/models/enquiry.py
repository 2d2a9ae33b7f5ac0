from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case
from guichet.clients.models import Client
from guichet.contact.models.codes import ContactReason


class EnquiryStatus(models.TextChoices):
    OPEN = "open", _("Waiting for an answer")
    ANSWERED = "answered", _("Answered")


class AnswerChannel(models.TextChoices):
    EMAIL = "email", _("E-mail")
    SMS = "sms", _("Text message")


class Enquiry(models.Model):
    """A question a signed-in client asked on the web about one of their own cases.

    It waits in the agents' work queue until answered; the answer goes out through the
    notifications outbox and both appear in the interaction log.
    """

    client = models.ForeignKey(Client, on_delete=models.PROTECT, related_name="+")
    case = models.ForeignKey(Case, on_delete=models.PROTECT, related_name="+")
    # The account that asked (a client's own sign-in, or their representative's).
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+"
    )
    language = models.CharField(_("language"), max_length=2)
    reason = models.CharField(_("topic"), max_length=20, choices=ContactReason.choices)
    question = models.TextField(_("question"), max_length=2000)
    status = models.CharField(
        _("status"), max_length=10, choices=EnquiryStatus.choices, default=EnquiryStatus.OPEN
    )
    submitted_at = models.DateTimeField(_("sent"))
    due_at = models.DateTimeField(_("answer due"))
    answer = models.TextField(_("answer"), blank=True, max_length=4000)
    answer_channel = models.CharField(
        _("answered by"), max_length=10, choices=AnswerChannel.choices, blank=True
    )
    answered_at = models.DateTimeField(_("answered"), null=True, blank=True)
    answered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        ordering = ["due_at", "id"]
        indexes = [models.Index(fields=["status", "due_at"])]
        permissions = [("answer_enquiry", "Can answer a client's web enquiry")]
        verbose_name = _("web enquiry")
        verbose_name_plural = _("web enquiries")

    def __str__(self) -> str:
        return f"enquiry {self.pk} ({self.status})"
