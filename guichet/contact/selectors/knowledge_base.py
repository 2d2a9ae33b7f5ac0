"""Reading the help centre: categories, articles, search, and what readers say of them."""

from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from guichet.contact.models import KbArticle, KbCategory
from guichet.contact.search import search_text

SEARCH_LIMIT = 30


def kb_categories() -> QuerySet[KbCategory]:
    return KbCategory.objects.annotate(
        article_count=Count("articles", filter=Q(articles__published=True))
    ).order_by("position", "slug")


def kb_category_get(*, slug: str) -> KbCategory | None:
    return KbCategory.objects.filter(slug=slug).first()


def kb_articles(*, category: KbCategory | None = None) -> QuerySet[KbArticle]:
    articles = KbArticle.objects.filter(published=True).select_related("category")
    if category is not None:
        articles = articles.filter(category=category)
    return articles.order_by("category__position", "title_en")


def kb_article_get(*, slug: str) -> KbArticle | None:
    return KbArticle.objects.select_related("category").filter(slug=slug, published=True).first()


def kb_search(*, query: str, language: str) -> list[KbArticle]:
    """Published articles holding every word of the query (case, accents and endings ignored:
    word stems, see contact.search) in the language's title, summary or body; titles that
    match come first."""
    words = search_text(query, language=language).split()[:8]
    if not words:
        return []
    field = "search_fr" if language == "fr" else "search_en"
    condition = Q()
    for word in words:
        condition &= Q(**{f"{field}__contains": word})
    found = list(kb_articles().filter(condition)[:SEARCH_LIMIT])
    title_words = {a.pk: search_text(a.title(language), language=language) for a in found}
    return sorted(found, key=lambda a: -sum(word in title_words[a.pk] for word in words))


@dataclass(frozen=True)
class ArticleFeedback:
    yes: int
    no: int

    @property
    def share_yes(self) -> int | None:
        total = self.yes + self.no
        return round(100 * self.yes / total) if total else None


def kb_feedback_summary(*, article_id: int) -> ArticleFeedback:
    counts = KbArticle.objects.filter(pk=article_id).aggregate(
        yes=Count("feedback", filter=Q(feedback__helpful=True)),
        no=Count("feedback", filter=Q(feedback__helpful=False)),
    )
    return ArticleFeedback(yes=counts["yes"] or 0, no=counts["no"] or 0)
