from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceCategory(models.TextChoices):
    FAMILY = "family", _("Family sponsorship")
    ECONOMIC = "economic", _("Economic immigration")
    HUMANITARIAN = "humanitarian", _("Humanitarian")
    REFUGEE = "refugee", _("Refugees and asylum")
    DOCUMENTS = "documents", _("Permanent resident documents")
    CITIZENSHIP = "citizenship", _("Citizenship")
    TEMPORARY = "temporary", _("Visit, study and work")


class Service(models.Model):
    """A line of business a client applies for, with its channels and service standard."""

    code = models.SlugField(max_length=40, unique=True)
    name_en = models.CharField(max_length=150)
    name_fr = models.CharField(max_length=150)
    category = models.CharField(max_length=20, choices=ServiceCategory.choices)
    accepts_online = models.BooleanField(default=False)
    accepts_paper = models.BooleanField(default=False)
    paper_linkable = models.BooleanField(default=False)
    # Service standard: `standard_share` of cases decided within `standard_days`; null = none.
    standard_days = models.PositiveIntegerField(null=True, blank=True)
    standard_share = models.DecimalField(max_digits=3, decimal_places=2, null=True, blank=True)
    standard_note_en = models.CharField(max_length=300, blank=True)
    standard_note_fr = models.CharField(max_length=300, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("service")
        verbose_name_plural = _("services")

    def __str__(self) -> str:
        return self.code

    def name(self, language: str) -> str:
        return self.name_fr if language == "fr" else self.name_en

    def accepts(self, channel: str) -> bool:
        return self.accepts_online if channel == "online" else self.accepts_paper
