from django.db import models
from django.utils.translation import gettext_lazy as _


class SurveyQuerySet(models.QuerySet["Survey"]):
    def update(self, **kwargs: object) -> int:
        raise PermissionError("A published survey is never changed: publish a new version.")


class Survey(models.Model):
    """One published version of a survey: its questions and scales, in English and French.

    Never edited: a change is a new version (same code, next number), and each response keeps
    the version it was answered on."""

    code = models.SlugField(_("code"), max_length=50)
    version = models.PositiveIntegerField(_("version"))
    definition = models.JSONField(_("definition"))
    content_hash = models.CharField(max_length=64)
    published_at = models.DateTimeField(_("published"))

    objects = SurveyQuerySet.as_manager()

    class Meta:
        verbose_name = _("survey")
        verbose_name_plural = _("surveys")
        constraints = [
            models.UniqueConstraint(fields=["code", "version"], name="feedback_survey_version"),
            models.UniqueConstraint(fields=["code", "content_hash"], name="feedback_survey_hash"),
        ]
        permissions = [("view_satisfaction", "Can view the satisfaction analysis")]

    def __str__(self) -> str:
        return f"{self.code} v{self.version}"

    def save(self, *args: object, **kwargs: object) -> None:
        if self.pk is not None:
            raise PermissionError("A published survey is never changed: publish a new version.")
        super().save(*args, **kwargs)  # type: ignore[arg-type]

    def questions(self) -> list[dict]:
        return list(self.definition["questions"])

    def title(self, language: str) -> str:
        return str(self.definition["title"][language])
