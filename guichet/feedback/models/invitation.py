from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case
from guichet.clients.models import Client
from guichet.feedback.models.survey import Survey


class InvitationKind(models.TextChoices):
    DECISION = "decision", _("After a decision")
    HISTORICAL = "historical", _("Imported from an earlier survey")


class Invitation(models.Model):
    """A client asked to answer a survey, once. The cohort it belongs to is copied from the
    case when it is made (service, channel, language, province, decision year), so the
    analysis never reads the client's file, and past surveys can be imported without cases."""

    survey = models.ForeignKey(Survey, on_delete=models.PROTECT, related_name="invitations")
    kind = models.CharField(max_length=12, choices=InvitationKind.choices)
    case = models.OneToOneField(
        Case, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    client = models.ForeignKey(
        Client, on_delete=models.PROTECT, null=True, blank=True, related_name="+"
    )
    # Random, checked with the signature: a link cannot be rebuilt from the invitation's id.
    nonce = models.CharField(max_length=32)
    message_channel = models.CharField(max_length=5, blank=True)  # sms, email; blank if imported
    language = models.CharField(max_length=2)
    service_code = models.CharField(max_length=50)
    case_channel = models.CharField(max_length=10)  # online, paper
    province = models.CharField(max_length=50, blank=True)
    decision_year = models.PositiveSmallIntegerField()
    # The share of decided cases of this service drawn when it was made: 1 / rate is the
    # number of decided cases it stands for (the weighting to the population).
    sampling_rate = models.FloatField()
    created_at = models.DateTimeField()
    expires_at = models.DateTimeField()
    reminded_at = models.DateTimeField(null=True, blank=True)
    answered_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("survey invitation")
        verbose_name_plural = _("survey invitations")
        indexes = [
            models.Index(fields=["created_at"], name="feedback_inv_created"),
            models.Index(fields=["decision_year"], name="feedback_inv_year"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sampling_rate__gt=0, sampling_rate__lte=1),
                name="feedback_inv_rate",
            ),
        ]

    def __str__(self) -> str:
        return f"invitation {self.pk} ({self.service_code}, {self.decision_year})"
