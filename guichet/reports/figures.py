"""A cited figure: its value, what it means, over which period, and when it was read.

Figures are kept in the edition as JSON; text points at them as ``[[key]]``. Numbers are
written the way each language writes them (1,234 and 87.5% in English; 1 234 and 87,5 % in
French, with no-break spaces).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass
from typing import Any

from django.utils import dateformat
from django.utils.translation import override

COUNT, PERCENT, DAYS = "count", "percent", "days"
TOKEN = re.compile(r"\[\[([a-z0-9_.:-]+)\]\]")
NBSP = "\u00a0"


@dataclass(frozen=True)
class Figure:
    key: str
    kind: str  # COUNT, PERCENT (0–100) or DAYS
    value: float
    definition: dict[str, str]  # {"en": …, "fr": …}
    period: dict[str, str]
    read_at: str  # ISO 8601, when the source was read (a snapshot's time, or the drafting time)
    source: str  # the app the figure comes from

    def to_json(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Figure:
        return cls(**data)

    def formatted(self, language: str) -> str:
        return number_text(self.value, self.kind, language)


def number_text(value: float, kind: str, language: str) -> str:
    text = f"{value:,.1f}" if kind == PERCENT else f"{round(value):,}"
    if language == "fr":
        text = text.replace(",", NBSP).replace(".", ",")
    if kind == PERCENT:
        return f"{text}{NBSP}%" if language == "fr" else f"{text}%"
    return text


def date_text(day: dt.date, language: str) -> str:
    """June 1, 2026 / 1er juin 2026."""
    with override(language):
        if language == "fr":
            return dateformat.format(day, "\\1\\e\\r F Y" if day.day == 1 else "j F Y")
        return dateformat.format(day, "F j, Y")


def moment_text(moment: dt.datetime | str, language: str) -> str:
    if isinstance(moment, str):
        moment = dt.datetime.fromisoformat(moment)
    from django.utils import timezone

    local = timezone.localtime(moment)
    with override(language):
        return dateformat.format(
            local, "j F Y, H\xa0\\h\xa0i" if language == "fr" else "F j, Y, H:i"
        )


def cited_keys(text: str) -> list[str]:
    return TOKEN.findall(text)
