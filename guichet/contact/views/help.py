"""The help centre: knowledge-base categories, articles, search, and readers' feedback."""

from django.contrib import messages
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from guichet.contact.selectors.knowledge_base import (
    kb_article_get,
    kb_articles,
    kb_categories,
    kb_category_get,
    kb_search,
)
from guichet.contact.services.knowledge_base import kb_feedback_record
from guichet.contact.views.language import page_language
from guichet.core.errors import GuichetError

QUERY_MAX = 100


def help_index(request: HttpRequest) -> HttpResponse:
    """Categories, and search results when a query was given (?q=…: topic words, not data
    about anyone, so it may travel in the address like any search)."""
    language = page_language()
    query = request.GET.get("q", "").strip()[:QUERY_MAX]
    results = kb_search(query=query, language=language) if query else None
    return render(
        request,
        "contact/help/index.html",
        {
            "language": language,
            "categories": kb_categories(),
            "query": query,
            "results": results,
        },
    )


def help_category(request: HttpRequest, slug: str) -> HttpResponse:
    category = kb_category_get(slug=slug)
    if category is None:
        raise Http404
    return render(
        request,
        "contact/help/category.html",
        {
            "language": page_language(),
            "category": category,
            "articles": kb_articles(category=category),
        },
    )


@require_http_methods(["GET", "POST"])
def help_article(request: HttpRequest, slug: str) -> HttpResponse:
    """An article; POST records "Did you find what you were looking for?" (yes or no)."""
    article = kb_article_get(slug=slug)
    if article is None:
        raise Http404
    language = page_language()
    if request.method == "POST":
        answer = request.POST.get("helpful", "")
        try:
            kb_feedback_record(article_id=article.pk, helpful=answer, language=language)
        except GuichetError as error:
            messages.error(request, error.text(language))
        else:
            if answer == "yes":
                messages.success(request, _("Thank you for your feedback."))
            else:
                messages.success(
                    request,
                    _(
                        "Thank you for your feedback. We will use it to improve this article. "
                        "If you still need help, you can ask us a question."
                    ),
                )
        return redirect("contact:help-article", slug=article.slug)
    paragraphs = [p.strip() for p in article.body(language).split("\n\n") if p.strip()]
    return render(
        request,
        "contact/help/article.html",
        {
            "language": language,
            "article": article,
            "title": article.title(language),
            "paragraphs": paragraphs,
            "related": kb_articles(category=article.category).exclude(pk=article.pk),
        },
    )
