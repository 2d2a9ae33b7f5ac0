"""Writes of the help centre: loading articles from data, and readers' feedback."""

import tomllib
from pathlib import Path
from typing import Any

from django.db import transaction
from django.utils.translation import gettext_lazy as _

from guichet.contact.models import KbArticle, KbCategory, KbFeedback
from guichet.contact.search import search_text
from guichet.core import clock
from guichet.core.errors import InvalidInput, NotFound

__all__ = [
    "article_search_fields",
    "kb_feedback_record",
    "kb_load",
    "kb_search_reindex",
    "search_text",
]

DATA = Path(__file__).resolve().parents[1] / "data" / "knowledge_base.toml"


def article_search_fields(
    *, title: dict[str, str], summary: dict[str, str], body: dict[str, str]
) -> dict[str, str]:
    """The stored search text of an article in each language (stems, see contact.search)."""
    return {
        f"search_{language}": search_text(
            title[language], summary[language], body[language], language=language
        )
        for language in ("en", "fr")
    }


def kb_search_reindex(*, article_model: Any = KbArticle) -> int:
    """Recompute every article's search text (after the way words are cut changed)."""
    count = 0
    with transaction.atomic():
        for article in article_model.objects.all():
            fields = article_search_fields(
                title={"en": article.title_en, "fr": article.title_fr},
                summary={"en": article.summary_en, "fr": article.summary_fr},
                body={"en": article.body_en, "fr": article.body_fr},
            )
            article_model.objects.filter(pk=article.pk).update(**fields)
            count += 1
    return count


def kb_load(
    *, path: Path = DATA, category_model: Any = KbCategory, article_model: Any = KbArticle
) -> tuple[int, int]:
    """Create or update the categories and articles of the data file (never deletes).

    The models may be a migration's historical ones. Returns (categories, articles) loaded.
    """
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    now = clock.now()
    with transaction.atomic():
        categories = {}
        for item in data["categories"]:
            categories[item["slug"]], _created = category_model.objects.update_or_create(
                slug=item["slug"],
                defaults={
                    "position": item.get("position", 0),
                    "name_en": item["name"]["en"],
                    "name_fr": item["name"]["fr"],
                    "description_en": item.get("description", {}).get("en", ""),
                    "description_fr": item.get("description", {}).get("fr", ""),
                },
            )
        for item in data["articles"]:
            body_en, body_fr = item["body"]["en"].strip(), item["body"]["fr"].strip()
            title, summary = item["title"], item["summary"]
            article_model.objects.update_or_create(
                slug=item["slug"],
                defaults={
                    "category": categories[item["category"]],
                    "reason": item.get("reason", ""),
                    "title_en": title["en"],
                    "title_fr": title["fr"],
                    "summary_en": summary["en"],
                    "summary_fr": summary["fr"],
                    "body_en": body_en,
                    "body_fr": body_fr,
                    **article_search_fields(
                        title=title, summary=summary, body={"en": body_en, "fr": body_fr}
                    ),
                    "updated_at": now,
                },
            )
    return len(data["categories"]), len(data["articles"])


@transaction.atomic
def kb_feedback_record(*, article_id: int, helpful: str | bool, language: str) -> KbFeedback:
    """Record one "Did you find what you were looking for?" answer (anonymous)."""
    if not KbArticle.objects.filter(pk=article_id, published=True).exists():
        raise NotFound(_("This article does not exist."), field="article")
    if isinstance(helpful, str):
        if helpful not in ("yes", "no"):
            raise InvalidInput(_("Answer yes or no."), field="helpful")
        helpful = helpful == "yes"
    return KbFeedback.objects.create(
        article_id=article_id,
        helpful=helpful,
        language="fr" if language == "fr" else "en",
        at=clock.now(),
    )
