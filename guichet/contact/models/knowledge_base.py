from django.db import models
from django.utils.translation import gettext_lazy as _

from guichet.contact.models.codes import ContactReason


class KbCategory(models.Model):
    """A heading of the help centre ("Check your status", "Documents"…)."""

    slug = models.SlugField(max_length=60, unique=True)
    name_en = models.CharField(max_length=120)
    name_fr = models.CharField(max_length=120)
    description_en = models.CharField(max_length=300, blank=True)
    description_fr = models.CharField(max_length=300, blank=True)
    position = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["position", "slug"]
        verbose_name = _("help-centre category")
        verbose_name_plural = _("help-centre categories")

    def __str__(self) -> str:
        return self.slug

    def name(self, language: str) -> str:
        return self.name_fr if language == "fr" else self.name_en

    def description(self, language: str) -> str:
        return self.description_fr if language == "fr" else self.description_en


class KbArticle(models.Model):
    """A help-centre article, written in English and in French (never one without the other).

    `reason` is the contact reason it answers, so metrics can name the reasons no article
    covers yet. `outdated` marks an article under review: it stays readable, with a warning.
    """

    category = models.ForeignKey(KbCategory, on_delete=models.PROTECT, related_name="articles")
    slug = models.SlugField(max_length=80, unique=True)
    reason = models.CharField(
        _("contact reason answered"), max_length=20, choices=ContactReason.choices, blank=True
    )
    title_en = models.CharField(max_length=200)
    title_fr = models.CharField(max_length=200)
    summary_en = models.CharField(max_length=300)
    summary_fr = models.CharField(max_length=300)
    # Plain text; a blank line starts a new paragraph.
    body_en = models.TextField()
    body_fr = models.TextField()
    # Accent-, case- and punctuation-free words of the title, summary and body, for search.
    search_en = models.TextField(editable=False, default="")
    search_fr = models.TextField(editable=False, default="")
    published = models.BooleanField(_("published"), default=True)
    outdated = models.BooleanField(_("outdated, under review"), default=False)
    updated_at = models.DateTimeField(_("last updated"))

    class Meta:
        ordering = ["category__position", "title_en"]
        verbose_name = _("help-centre article")
        verbose_name_plural = _("help-centre articles")

    def __str__(self) -> str:
        return self.slug

    def title(self, language: str) -> str:
        return self.title_fr if language == "fr" else self.title_en

    def summary(self, language: str) -> str:
        return self.summary_fr if language == "fr" else self.summary_en

    def body(self, language: str) -> str:
        return self.body_fr if language == "fr" else self.body_en


class KbFeedback(models.Model):
    """An answer to "Did you find what you were looking for?" on an article. Anonymous."""

    article = models.ForeignKey(KbArticle, on_delete=models.CASCADE, related_name="feedback")
    language = models.CharField(max_length=2)
    helpful = models.BooleanField()
    at = models.DateTimeField()

    class Meta:
        indexes = [models.Index(fields=["article", "at"])]
        verbose_name = _("help-centre feedback")
        verbose_name_plural = _("help-centre feedback")

    def __str__(self) -> str:
        return f"{self.article_id} {'yes' if self.helpful else 'no'}"
