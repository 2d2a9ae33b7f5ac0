from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case


class OnlineForm(models.TextChoices):
    PR_CARD = "pr-card", _("Permanent resident card")
    VISITOR_VISA = "visitor-visa", _("Visitor visa")


class OnlineApplication(models.Model):
    """What an applicant submitted online, kept with the case it opened."""

    # Drawn when the applicant starts the form: submitting twice (a double click, a reload)
    # finds this row instead of opening a second case.
    submission_key = models.CharField(max_length=40, unique=True)
    form = models.CharField(_("form"), max_length=20, choices=OnlineForm.choices)
    case = models.OneToOneField(Case, on_delete=models.PROTECT, related_name="online_application")
    # The answers as submitted (dates as ISO text), and the documents the applicant was told
    # to provide; officers read them, clients never see them again online.
    answers = models.JSONField(default=dict)
    documents = models.JSONField(default=list)
    # Relative to MEDIA_ROOT, never served by URL.
    photo = models.CharField(max_length=200, blank=True)
    submitted_at = models.DateTimeField(_("submitted"), auto_now_add=True)

    class Meta:
        ordering = ["-submitted_at", "-id"]
        verbose_name = _("online application")
        verbose_name_plural = _("online applications")

    def __str__(self) -> str:
        return f"{self.form} {self.case_id}"
