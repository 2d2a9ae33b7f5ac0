"""Comparing two versions (of one edition, or an edition with the previous one): per section,
the lines kept, removed and added, as a reader sees them (figures as numbers)."""

from __future__ import annotations

import difflib
from dataclasses import dataclass

from guichet.reports.render import RenderedReport, plain_text

KEPT, REMOVED, ADDED = "kept", "removed", "added"


@dataclass(frozen=True)
class Line:
    change: str  # KEPT, REMOVED or ADDED
    text: str


@dataclass(frozen=True)
class SectionDiff:
    heading: str
    lines: list[Line]

    @property
    def changed(self) -> bool:
        return any(line.change != KEPT for line in self.lines)


def report_compare(*, before: RenderedReport, after: RenderedReport) -> list[SectionDiff]:
    old, new = plain_text(before), plain_text(after)
    diffs = []
    for section in after.sections:
        a, b = old.get(section.key, []), new.get(section.key, [])
        lines: list[Line] = []
        matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
        for op, i1, i2, j1, j2 in matcher.get_opcodes():
            if op == "equal":
                lines += [Line(KEPT, text) for text in a[i1:i2]]
                continue
            lines += [Line(REMOVED, text) for text in a[i1:i2]]
            lines += [Line(ADDED, text) for text in b[j1:j2]]
        diffs.append(SectionDiff(section.heading, lines))
    return diffs
