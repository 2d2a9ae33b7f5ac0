"""Drafting an edition: the figures each source cites and the sentences that cite them.

A sentence is written once per language from its own translated message (French is written
for French readers, not word for word); a cited number appears in it as ``[[key]]``, which the
exports turn into the number and its footnote.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from django.utils.functional import Promise
from django.utils.translation import override

from guichet.reports.figures import Figure, date_text
from guichet.reports.sections import LANGUAGES, SECTION_KEYS


@dataclass(frozen=True)
class Period:
    start: dt.date
    end: dt.date  # inclusive

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def months(self) -> set[str]:
        """The months (YYYY-MM) the period touches."""
        months, day = set(), self.start.replace(day=1)
        while day <= self.end:
            months.add(f"{day:%Y-%m}")
            day = (day + dt.timedelta(days=32)).replace(day=1)
        return months

    def covers(self, day: dt.date) -> bool:
        """Whether a figure as of `day` describes this period: the day falls in it or within a
        month after its end (a snapshot is refreshed nightly, the period may end today)."""
        return self.start <= day <= self.end + dt.timedelta(days=31)

    def text_params(self) -> dict[str, Callable[[str], str]]:
        return {
            "start": lambda language: date_text(self.start, language),
            "end": lambda language: date_text(self.end, language),
        }


# A parameter of a sentence: a cited figure, a text per language, or a callable of the language.
Param = Figure | dict[str, str] | Callable[[str], str] | str | int


@dataclass
class Draft:
    period: Period
    figures: dict[str, Figure] = field(default_factory=dict)
    text: dict[str, dict[str, list[str]]] = field(
        default_factory=lambda: {lang: {key: [] for key in SECTION_KEYS} for lang in LANGUAGES}
    )

    def cite(
        self,
        key: str,
        kind: str,
        value: float,
        *,
        definition: Promise,
        period: Promise,
        read_at: dt.datetime,
        source: str,
        **params: Any,
    ) -> Figure:
        """Record a figure (once per key) and return it for sentences to cite."""
        figure = Figure(
            key=key,
            kind=kind,
            value=value,
            definition=_both(definition, params),
            period=_both(period, params),
            read_at=read_at.isoformat(),
            source=source,
        )
        self.figures[key] = figure
        return figure

    def say(self, section: str, message: Promise, **params: Param) -> None:
        """Add one sentence (or bullet) to `section` in both languages."""
        for language in LANGUAGES:
            values = {name: _param(value, language) for name, value in params.items()}
            with override(language):
                self.text[language][section].append(str(message) % values)


def _param(value: Param, language: str) -> str | int:
    if isinstance(value, Figure):
        return f"[[{value.key}]]"
    if isinstance(value, dict):
        return value[language]
    if callable(value):
        return value(language)
    return value


def _both(message: Promise, params: dict[str, Any]) -> dict[str, str]:
    out = {}
    for language in LANGUAGES:
        values = {k: (v(language) if callable(v) else v) for k, v in params.items()}
        with override(language):
            out[language] = str(message) % values if values else str(message)
    return out
