"""What the linkage compares: a person's record turned into comparable features.

Both engines use these features: Splink on DuckDB for files (`linkage.py`) and the
in-process scorer for one applicant against a few candidates (`scoring.py`). A feature is
computed once per record, here, so that the two engines compare exactly the same values.
"""

from __future__ import annotations

import csv
import datetime as dt
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jellyfish
from anyascii import anyascii

DATA = Path(__file__).resolve().parent / "data"
_NOT_LETTERS = re.compile(r"[^a-z ]+")
_SPACES = re.compile(r"\s+")
# Particles of compound family names, not a name of their own: "de la Fontaine" and
# "Lafontaine" share the token "fontaine" once these are dropped.
_PARTICLES = frozenset(
    {"de", "du", "des", "la", "le", "les", "d", "l", "van", "von", "der", "den", "da", "di",
     "del", "della", "dos", "das", "st", "ste", "saint", "sainte", "mac", "mc", "o", "al", "el",
     "ben", "bin", "ibn"}
)  # fmt: skip

COLUMNS = (
    "record_id",
    "family_name",
    "given_names",
    "date_of_birth",
    "sex",
    "birth_place",
    "postal_code",
)


def fold(value: str | None) -> str:
    """Lower-case ASCII letters and single spaces: accents folded, other scripts
    transliterated (anyascii: `Ёлкина` gives `elkina`, `Gagné` gives `gagne`), hyphens and
    apostrophes become spaces."""
    if not value:
        return ""
    text = anyascii(value).casefold().replace("-", " ").replace("'", " ").replace(".", " ")
    return _SPACES.sub(" ", _NOT_LETTERS.sub("", text)).strip()


@cache
def given_name_groups() -> dict[str, str]:
    """Each known given name (folded) to its group's key: `jean`, `john`, `johnny` → `john`."""
    groups: dict[str, str] = {}
    with (DATA / "given_name_variants.csv").open(encoding="utf-8") as handle:
        for row in csv.reader(line for line in handle if not line.startswith("#")):
            names = [fold(name) for name in row if name.strip()]
            for name in names:
                groups.setdefault(name, names[0])
    return groups


def given_canonical(token: str) -> str:
    return given_name_groups().get(token, token)


def _family_tokens(folded: str) -> list[str]:
    tokens = [token for token in folded.split() if token not in _PARTICLES]
    return sorted(set(tokens or folded.split()))


def _postal(value: str | None) -> str:
    return re.sub(r"[^A-Z0-9]", "", anyascii(value or "").upper())


@dataclass(frozen=True)
class Features:
    """The comparable form of one record; empty strings and lists stand for a blank."""

    family: str  # folded, particles kept, spaces removed: "tremblaygagne"
    family_tokens: tuple[str, ...]  # "gagne", "tremblay" (sorted, particles dropped)
    family_sx: str  # Soundex of the first family token, for blocking
    given: str  # folded, spaces removed: "jeanpierre"
    given_first: str  # canonical form of the first given name: "john" for Jean
    given_tokens: tuple[str, ...]  # canonical forms of every given name, sorted
    given_sx: str
    dob: str  # YYYYMMDD
    dob_year: str
    sex: str  # F, M, X or ""
    birth_place: str  # folded
    postal: str  # upper case without spaces: K1A0B1
    postal_area: str  # first three characters (a Canadian forward sortation area)

    def as_row(self) -> dict[str, Any]:
        """The columns Splink reads (blanks as None, which Splink treats as null)."""
        row: dict[str, Any] = {}
        for name, value in self.__dict__.items():
            if isinstance(value, tuple):
                row[name] = list(value) if value else None
            else:
                row[name] = value or None
        return row


def features_of(
    *,
    family_name: str | None,
    given_names: str | None,
    date_of_birth: dt.date | str | None,
    sex: str | None = None,
    birth_place: str | None = None,
    postal_code: str | None = None,
) -> Features:
    """The features of one record. `date_of_birth` is a date or `YYYY-MM-DD` (or blank)."""
    family = fold(family_name)
    given_words = fold(given_names).split()
    given_tokens = [given_canonical(word) for word in given_words]
    family_tokens = _family_tokens(family)
    if isinstance(date_of_birth, dt.date):
        dob = date_of_birth.strftime("%Y%m%d")
    else:
        dob = (date_of_birth or "").replace("-", "").strip()
    postal = _postal(postal_code)
    return Features(
        family=family.replace(" ", ""),
        family_tokens=tuple(family_tokens),
        family_sx=jellyfish.soundex(family_tokens[0]) if family_tokens else "",
        given="".join(given_words),
        given_first=given_tokens[0] if given_tokens else "",
        given_tokens=tuple(sorted(set(given_tokens))),
        given_sx=jellyfish.soundex(given_tokens[0]) if given_tokens else "",
        dob=dob,
        dob_year=dob[:4],
        sex=(sex or "").strip().upper()[:1],
        birth_place=fold(birth_place),
        postal=postal,
        postal_area=postal[:3],
    )
