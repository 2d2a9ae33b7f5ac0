"""A letter as a PDF: HTML from a Django template, laid out by WeasyPrint as tagged PDF/UA-1.

Tagged, with the document's language and title, so that a screen reader reads it in order and
in the right language. The fonts are the GC Design System's, from the project's own static files:
nothing is fetched from elsewhere (the URL fetcher refuses any other address).
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders
from django.core.exceptions import ImproperlyConfigured
from django.template.loader import render_to_string

from guichet.letters.content import LetterText

FONTS = {
    (400, "normal"): "vendor/gcds/fonts/noto-sans/gcds-noto-sans-regular.woff",
    (700, "normal"): "vendor/gcds/fonts/noto-sans/gcds-noto-sans-bold.woff",
    (400, "italic"): "vendor/gcds/fonts/noto-sans/gcds-noto-sans-regular-italic.woff",
}
STYLESHEET = Path(__file__).parent / "pdf" / "letter.css"


def _weasyprint() -> Any:
    """WeasyPrint, imported on first use (it loads Pango, which only letters need).

    Its import turns on Pillow's LOAD_TRUNCATED_IMAGES for the whole process, which would let a
    truncated upload through the image checks (core.uploads) of any process that rendered a
    letter. Letters hold no images: put it back.
    """
    from PIL import ImageFile

    before = ImageFile.LOAD_TRUNCATED_IMAGES
    import weasyprint

    ImageFile.LOAD_TRUNCATED_IMAGES = before
    return weasyprint


def _collected(name: str) -> str | None:
    path = Path(settings.STATIC_ROOT) / name
    return str(path) if path.is_file() else None


def _font_faces() -> tuple[str, set[str]]:
    rules, allowed = [], set()
    for (weight, style), name in FONTS.items():
        # The build's static files (make assets), or what collectstatic gathered in production.
        found = finders.find(name) or _collected(name)
        if not found:
            raise ImproperlyConfigured(
                f"Letter font {name} not found in the static files: run `make assets`."
            )
        url = Path(str(found)).resolve().as_uri()
        allowed.add(url)
        rules.append(
            "@font-face { font-family: 'Guichet Letter'; "
            f"src: url('{url}') format('woff'); font-weight: {weight}; font-style: {style}; }}"
        )
    return "\n".join(rules), allowed


def letter_pdf(text: LetterText) -> bytes:
    """The letter's bytes. Raises ImproperlyConfigured when the fonts are not built."""
    return html_pdf(render_to_string("letters/letter.html", {"letter": text}), STYLESHEET)


def html_pdf(html: str, stylesheet: Path) -> bytes:
    """Any of Guichet's documents as tagged PDF/UA-1, in the GC Design System font, with a URL
    fetcher that loads nothing but those fonts (the council report uses it too)."""
    weasyprint = _weasyprint()

    faces, allowed = _font_faces()

    class OwnFonts(weasyprint.URLFetcher):  # type: ignore[misc,name-defined]
        def fetch(self, url: str, headers: Any = None) -> Any:
            if url not in allowed:
                raise ValueError("letters load only their own fonts")
            return super().fetch(url, headers)

    fetcher = OwnFonts(allowed_protocols=["file"], fail_on_errors=True)

    from weasyprint.text.fonts import FontConfiguration

    fonts = FontConfiguration()  # where the @font-face rules are loaded
    document = weasyprint.HTML(string=html, url_fetcher=fetcher)
    stylesheets = [
        weasyprint.CSS(string=faces, url_fetcher=fetcher, font_config=fonts),
        weasyprint.CSS(filename=str(stylesheet), url_fetcher=fetcher, font_config=fonts),
    ]
    # Title and language come from the HTML (PDF/UA needs both).
    return document.write_pdf(stylesheets=stylesheets, font_config=fonts, pdf_variant="pdf/ua-1")
