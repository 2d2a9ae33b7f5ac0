"""Name normalisation: compare names the way a person would (case, accents, punctuation)."""

import re

from anyascii import anyascii

_SEPARATORS = re.compile(r"[\s\-'.]+")


def name_key(value: str) -> str:
    """`TREMBLAY-GAGNÉ` and `Tremblay Gagne` give the same key: `tremblaygagne`.

    Letters that carry no separable accent (ı, ł, ø, đ…) are transliterated too, so that
    `YILMAZ` matches `Yılmaz` and `LOPEZ` matches `Łopez`.
    """
    return _SEPARATORS.sub("", anyascii(value)).casefold()
