"""Name normalisation: compare names the way a person would (case, accents, punctuation)."""

import re
import unicodedata

_SEPARATORS = re.compile(r"[\s\-'’‐‑.]+")


def name_key(value: str) -> str:
    """`TREMBLAY-GAGNÉ` and `Tremblay Gagne` give the same key: `tremblaygagne`."""
    decomposed = unicodedata.normalize("NFKD", value)
    without_accents = "".join(c for c in decomposed if not unicodedata.combining(c))
    return _SEPARATORS.sub("", without_accents).casefold()
