from django.db import models
from django.utils.translation import gettext_lazy as _


class PageFeedback(models.Model):
    """'Did you find what you were looking for?' on a public page: yes or no, and an optional
    comment. Anonymous: no account, no address, no cookie."""

    path = models.CharField(max_length=200)
    language = models.CharField(max_length=2)
    helpful = models.BooleanField()
    comment = models.TextField(blank=True)
    created_at = models.DateTimeField()

    class Meta:
        verbose_name = _("page feedback")
        verbose_name_plural = _("page feedback")
        indexes = [models.Index(fields=["path", "created_at"], name="feedback_page_path")]

    def __str__(self) -> str:
        return f"{self.path} ({'yes' if self.helpful else 'no'})"
