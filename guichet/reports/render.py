"""An edition's version laid out for reading or export, in one language: the form's header,
its four numbered sections as paragraphs and bullets, each cited number with its footnote.

Every export (page, PDF, DOCX, ODT) starts from this one structure, so they all number the
footnotes the same way: in order of first citation, a number cited twice keeping its note.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import override

from guichet.reports.figures import PERCENT, TOKEN, Figure, date_text, moment_text
from guichet.reports.models import ReportEdition, ReportVersion
from guichet.reports.sections import CONTACT, JURISDICTION, NUMBERED


@dataclass(frozen=True)
class Run:
    text: str
    note: int | None = None  # the footnote a cited number refers to


@dataclass(frozen=True)
class Block:
    bullet: bool
    runs: list[Run]

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class RenderedSection:
    key: str
    number: int
    heading: str  # "1. Achievements"
    prompt: str
    blocks: list[Block]


@dataclass(frozen=True)
class Bar:
    label: str
    percent: float
    text: str


@dataclass
class RenderedReport:
    language: str
    title: str
    subtitle: str
    jurisdiction_label: str
    jurisdiction: str
    contact_label: str
    contact: str
    sections: list[RenderedSection]
    notes: list[tuple[int, str]] = field(default_factory=list)
    notes_heading: str = ""
    chart_title: str = ""
    chart: list[Bar] = field(default_factory=list)


class _Notes:
    def __init__(self, figures: dict[str, Figure], language: str) -> None:
        self.figures, self.language = figures, language
        self.numbers: dict[str, int] = {}
        self.notes: list[tuple[int, str]] = []

    def runs(self, text: str) -> list[Run]:
        runs, at = [], 0
        for match in TOKEN.finditer(text):
            if match.start() > at:
                runs.append(Run(text[at : match.start()]))
            figure = self.figures.get(match.group(1))
            if figure is None:  # checked on save; an old version keeps its text readable
                runs.append(Run(match.group(0)))
            else:
                runs.append(Run(figure.formatted(self.language), self.number(figure)))
            at = match.end()
        if at < len(text):
            runs.append(Run(text[at:]))
        return runs

    def number(self, figure: Figure) -> int:
        if figure.key not in self.numbers:
            n = len(self.numbers) + 1
            self.numbers[figure.key] = n
            self.notes.append(
                (
                    n,
                    _("%(definition)s Period: %(period)s. Data read on %(read_at)s.")
                    % {
                        "definition": figure.definition[self.language],
                        "period": figure.period[self.language],
                        "read_at": moment_text(figure.read_at, self.language),
                    },
                )
            )
        return self.numbers[figure.key]


def blocks_of(text: str, notes: _Notes) -> list[Block]:
    """Lines starting with "- " are bullets; other lines are paragraphs."""
    blocks = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        bullet = line.startswith(("- ", "• "))
        blocks.append(Block(bullet, notes.runs(line[2:].strip() if bullet else line)))
    return blocks


def figures_of(edition: ReportEdition) -> dict[str, Figure]:
    return {data["key"]: Figure.from_json(data) for data in edition.figures}


def report_render(
    *, edition: ReportEdition, version: ReportVersion, language: str
) -> RenderedReport:
    figures = figures_of(edition)
    content = version.content[language]
    with override(language):
        notes = _Notes(figures, language)
        header = {
            key: " ".join(content.get(key, "").split()) for key in ("jurisdiction", "contact")
        }
        sections = [
            RenderedSection(
                key=section.key,
                number=section.number or 0,
                heading=_("%(number)s. %(heading)s")
                % {"number": section.number, "heading": section.heading},
                prompt=str(section.prompt),
                blocks=blocks_of(content.get(section.key, ""), notes),
            )
            for section in NUMBERED
        ]
        chart = [
            Bar(
                label=_service_label(figure.key, language),
                percent=max(0.0, min(100.0, figure.value)),
                text=figure.formatted(language),
            )
            for figure in figures.values()
            if figure.key.startswith("standards.met.") and figure.kind == PERCENT
        ]
        return RenderedReport(
            language=language,
            title=_("Council information exchange report"),
            subtitle=_("From %(start)s to %(end)s, version %(number)s")
            % {
                "start": date_text(edition.period_start, language),
                "end": date_text(edition.period_end, language),
                "number": version.number,
            },
            jurisdiction_label=str(JURISDICTION.heading),
            jurisdiction=header["jurisdiction"],
            contact_label=str(CONTACT.heading),
            contact=header["contact"],
            sections=sections,
            notes=notes.notes,
            notes_heading=_("Notes on the figures"),
            chart_title=_("Decisions that met the service standard in the period, by service"),
            chart=chart,
        )


def _service_label(key: str, language: str) -> str:
    from guichet.standards.tables import service_name

    return service_name(key.removeprefix("standards.met."), language)


def plain_text(report: RenderedReport) -> dict[str, list[str]]:
    """Each numbered section's lines as a reader sees them (numbers, no footnote marks), by
    section key: what the comparison of two editions works on."""
    return {
        section.key: [("• " if b.bullet else "") + b.text for b in section.blocks]
        for section in report.sections
    }
