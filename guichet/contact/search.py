"""The words of the help-centre search, as stored and as searched: the same on SQLite and on
PostgreSQL because the database only ever compares plain ASCII substrings.

Each word is cut to its stem by the Snowball stemmer of the page's language (French or
English), then stripped of case and accents: "biométrie", "Biometrie" and "biométriques" all
become "biometr", "empreintes" and "empreinte" become "empreint", "applications" and
"applying" become "applic" and "appli". A query is turned into words the same way, and an
article matches when its text holds every word of the query.
"""

import functools
import re

import snowballstemmer

from guichet.core.text import name_key

STEMMERS = {"en": "english", "fr": "french"}
# Letters and digits; an apostrophe (l’empreinte, d'identité) or a hyphen separates words.
_WORD = re.compile(r"[^\W_]+")


@functools.cache
def _stemmer(language: str) -> snowballstemmer.stemmer:
    return snowballstemmer.stemmer(STEMMERS[language])


def search_text(*parts: str, language: str = "") -> str:
    """Words without case, accents or punctuation, separated by single spaces, each cut to its
    stem in `language` ("en" or "fr"; another value or "" keeps whole words)."""
    words = _WORD.findall(" ".join(parts).casefold())
    if language in STEMMERS:
        words = _stemmer(language).stemWords(words)
    return " ".join(key for key in (name_key(word) for word in words) if key)
