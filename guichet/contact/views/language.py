from django.utils.translation import get_language


def page_language() -> str:
    """The language of the page being served: "en" or "fr" (from the URL prefix)."""
    return "fr" if (get_language() or "").startswith("fr") else "en"
