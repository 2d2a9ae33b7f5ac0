from django.db import models
from django.utils.translation import gettext_lazy as _


class Sex(models.TextChoices):
    """As on the identity document; X is the unspecified designation."""

    FEMALE = "F", _("F (female)")
    MALE = "M", _("M (male)")
    UNSPECIFIED = "X", _("X (another gender)")


class Language(models.TextChoices):
    ENGLISH = "en", _("English")
    FRENCH = "fr", _("French")


class Client(models.Model):
    """A person who applies (or is sponsored). Identified by the UCI."""

    uci = models.CharField(_("UCI"), max_length=10, unique=True)
    family_name = models.CharField(_("family name"), max_length=100)
    given_names = models.CharField(_("given names"), max_length=150)
    # Names without case, accents or punctuation (core.text.name_key), for matching and search.
    family_key = models.CharField(max_length=100, editable=False)
    given_key = models.CharField(max_length=150, editable=False)
    date_of_birth = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    preferred_language = models.CharField(
        _("preferred language"), max_length=2, choices=Language.choices, default=Language.ENGLISH
    )
    phone = models.CharField(_("phone"), max_length=20, blank=True)  # E.164
    email = models.EmailField(_("e-mail"), blank=True)
    address_line = models.CharField(_("address"), max_length=200, blank=True)
    city = models.CharField(_("city"), max_length=100, blank=True)
    province = models.CharField(_("province or territory"), max_length=50, blank=True)
    postal_code = models.CharField(_("postal code"), max_length=10, blank=True)
    country = models.CharField(_("country"), max_length=2, default="CA")
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["family_name", "given_names"]
        indexes = [
            models.Index(fields=["family_key", "date_of_birth"]),
            # The identity link's candidate block (identity_link.selectors.client_candidates).
            models.Index(fields=["date_of_birth"], name="client_date_of_birth"),
        ]
        verbose_name = _("client")
        verbose_name_plural = _("clients")

    def __str__(self) -> str:
        # Staff screens only; never written to logs.
        return f"{self.family_name}, {self.given_names}"
