"""What every page needs to offer the same page in the other language."""

from typing import Any

from django.http import HttpRequest
from django.urls import translate_url
from django.utils.translation import get_language

# Each language is named in itself: a French reader looks for "Français", not "French".
LANGUAGE_NAMES = {"en": "English", "fr": "Français"}
# Never carried over to the other language's address, should someone type them into one: the
# pages that ask for them POST them (the status check, linking, sign-in, intake).
PERSONAL_PARAMETERS = frozenset(
    {
        "application_number",
        "family_name",
        "given_names",
        "date_of_birth",
        "uci",
        "email",
        "phone",
        "password",
        "token",
    }
)


def other_language(language: str | None) -> str:
    return "en" if (language or "en").startswith("fr") else "fr"


def language_toggle(request: HttpRequest) -> dict[str, Any]:
    """`language_toggle`: the URL of this page in the other language, its code and its name.

    The path is translated segment by segment (/en/staff/cases/7/ ↔ /fr/personnel/dossiers/7/)
    and the query string is kept, so a help search or a filtered list stays as it was, with a
    `next` page translated too (no page
    puts personal data in a query string: forms that carry any are POSTed). A path that does
    not resolve (a 404 page, say) falls back to the home page in the other language.
    """
    target = other_language(get_language())
    url = translate_url(request.path, target)
    if url == request.path:
        url = f"/{target}/"
    elif request.GET:
        query = request.GET.copy()
        for name in PERSONAL_PARAMETERS & set(query):
            del query[name]
        # A page to come back to after signing in goes there in the new language too.
        nexts = [
            translate_url(n, target) if n.startswith("/") else n for n in query.getlist("next")
        ]
        if nexts:
            query.setlist("next", nexts)
        if query:
            url = f"{url}?{query.urlencode()}"
    return {
        "language_toggle": {
            "url": url,
            "language": target,
            "name": LANGUAGE_NAMES[target],
        }
    }
