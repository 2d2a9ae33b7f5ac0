from django.db import models
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _


class RegulatorKind(models.TextChoices):
    LAW_SOCIETY = "law_society", _("Law society")
    NOTARIES = "notaries", _("Chambre des notaires du Québec")
    CONSULTANTS = "consultants", _("College of Immigration and Citizenship Consultants")


class Regulator(models.Model):
    """A body that licenses representatives: data (loaded by a migration from
    guichet/representatives/regulators.py), not code."""

    code = models.SlugField(max_length=30, unique=True)
    kind = models.CharField(max_length=20, choices=RegulatorKind.choices)
    # Two-letter province or territory; empty for a federal regulator.
    province = models.CharField(max_length=2, blank=True)
    name_en = models.CharField(_("name in English"), max_length=120)
    name_fr = models.CharField(_("name in French"), max_length=120)

    class Meta:
        ordering = ["name_en"]
        verbose_name = _("regulator")
        verbose_name_plural = _("regulators")

    def __str__(self) -> str:
        return self.code

    def name(self, language: str | None = None) -> str:
        language = (language or get_language() or "en")[:2]
        return self.name_fr if language == "fr" else self.name_en
