from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case


class IvrStage(models.TextChoices):
    LANGUAGE = "language", _("Choosing a language")
    NUMBER = "number", _("Keying the application number")
    FAMILY_NAME = "family_name", _("Keying the family name")
    BIRTH_DATE = "birth_date", _("Keying the date of birth")
    MENU = "menu", _("Hearing the status")
    TRANSFERRED = "transferred", _("Handed over to an agent")
    ENDED = "ended", _("Ended")


class TransferReason(models.TextChoices):
    CALLER_ASKED = "caller_asked", _("The caller asked for an agent")
    TRIES_EXHAUSTED = "tries_exhausted", _("Identification failed too many times")
    NO_INPUT = "no_input", _("The caller did not key anything")
    SELF_SERVICE_OFF = "self_service_off", _("Self-service is off for this service")
    LOCKED = "locked", _("Status look-ups are paused after too many failures")


class IvrSession(models.Model):
    """One call to the phone line, keyed by Twilio's CallSid: the call context.

    It holds where the caller is in the menu, how many tries they have used and, once the
    caller is identified, the verified case, which the agent desktop shows when the call is
    handed over. It never holds the caller's phone number or date of birth.
    """

    call_sid = models.CharField(max_length=64, unique=True)
    started_at = models.DateTimeField(_("started"), db_index=True)
    updated_at = models.DateTimeField()
    ended_at = models.DateTimeField(_("ended"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=2, blank=True)
    stage = models.CharField(
        _("stage"), max_length=20, choices=IvrStage.choices, default=IvrStage.LANGUAGE
    )
    # Failed identification tries (bad number, bad date, no match) in this call.
    tries = models.PositiveSmallIntegerField(default=0)
    # Prompts left unanswered in a row at the current stage.
    silences = models.PositiveSmallIntegerField(default=0)
    # The 9 digits keyed, kept only between the two questions of identification.
    number_keyed = models.CharField(max_length=9, blank=True)
    # The keys of the family name's first letters (2 = ABC…), kept as long as number_keyed.
    name_keyed = models.CharField(max_length=3, blank=True)
    case = models.ForeignKey(
        Case, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    verified_at = models.DateTimeField(_("identified"), null=True, blank=True)
    status_heard_at = models.DateTimeField(_("status heard"), null=True, blank=True)
    history_heard = models.BooleanField(default=False)
    sms_sent_at = models.DateTimeField(_("text message sent"), null=True, blank=True)
    transferred_at = models.DateTimeField(_("handed over"), null=True, blank=True, db_index=True)
    transfer_reason = models.CharField(
        _("why handed over"), max_length=20, choices=TransferReason.choices, blank=True
    )
    taken_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("taken by"),
    )
    taken_at = models.DateTimeField(_("taken"), null=True, blank=True)

    class Meta:
        ordering = ["-started_at", "-id"]
        verbose_name = _("phone self-service call")
        verbose_name_plural = _("phone self-service calls")

    def __str__(self) -> str:
        return f"{self.call_sid} {self.stage}"

    @property
    def verified(self) -> bool:
        return self.case_id is not None and self.verified_at is not None
