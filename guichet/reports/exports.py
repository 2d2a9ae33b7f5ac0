"""The report as a file: PDF (WeasyPrint, tagged PDF/UA-1), DOCX (python-docx) and ODT (odfpy),
each from the same rendered structure, in the language asked (ADR 0031)."""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path

from django.template.loader import render_to_string

from guichet.reports.render import Block, RenderedReport

STYLESHEET = Path(__file__).parent / "pdf" / "report.css"
BAR_HEIGHT, BAR_GAP, BAR_WIDTH = 16, 6, 220


def report_pdf(report: RenderedReport) -> bytes:
    from guichet.letters.render import html_pdf

    bars = [
        {
            "label": bar.label,
            "text": bar.text,
            "y": n * (BAR_HEIGHT + BAR_GAP),
            "width": round(BAR_WIDTH * bar.percent / 100),
        }
        for n, bar in enumerate(report.chart)
    ]
    html = render_to_string(
        "reports/report_pdf.html",
        {
            "report": report,
            "chart_bars": bars,
            "chart_height": max(1, len(bars)) * (BAR_HEIGHT + BAR_GAP),
        },
    )
    return html_pdf(html, STYLESHEET)


def _note_mark(number: int | None) -> str:
    return f"[{number}]" if number else ""


def report_docx(report: RenderedReport) -> bytes:
    import docx
    from docx.shared import Pt

    document = docx.Document()
    properties = document.core_properties
    properties.title, properties.language = report.title, f"{report.language}-CA"
    document.add_heading(report.title, level=0)
    document.add_paragraph(report.subtitle)
    for label, value in (
        (report.jurisdiction_label, report.jurisdiction),
        (report.contact_label, report.contact),
    ):
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{label} : " if report.language == "fr" else f"{label}: ").bold = True
        paragraph.add_run(value)
    for section in report.sections:
        document.add_heading(section.heading, level=1)
        document.add_paragraph(section.prompt).runs[0].italic = True
        for block in section.blocks:
            paragraph = document.add_paragraph(style="List Bullet" if block.bullet else None)
            _docx_runs(paragraph, block, Pt)
    if report.notes:
        document.add_heading(report.notes_heading, level=1)
        for number, text in report.notes:
            document.add_paragraph(f"[{number}] {text}").runs[0].font.size = Pt(9)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _docx_runs(paragraph, block: Block, Pt) -> None:  # type: ignore[no-untyped-def]
    for run in block.runs:
        paragraph.add_run(run.text)
        if run.note:
            mark = paragraph.add_run(_note_mark(run.note))
            mark.font.superscript = True


def report_odt(report: RenderedReport) -> bytes:
    from odf.opendocument import OpenDocumentText
    from odf.style import ParagraphProperties, Style, TextProperties
    from odf.text import H, List, ListItem, Note, NoteBody, NoteCitation, P, Span

    document = OpenDocumentText()
    from odf.dc import Language, Title

    document.meta.addElement(Title(text=report.title))
    document.meta.addElement(Language(text=f"{report.language}-CA"))
    bold = Style(name="Label", family="text")
    bold.addElement(TextProperties(fontweight="bold"))
    italic = Style(name="Prompt", family="paragraph")
    italic.addElement(TextProperties(fontstyle="italic"))
    title = Style(name="Title", family="paragraph")
    title.addElement(TextProperties(fontsize="18pt", fontweight="bold"))
    title.addElement(ParagraphProperties(marginbottom="0.3cm"))
    for style in (bold, italic, title):
        document.automaticstyles.addElement(style)
    heading = Style(name="Heading 1", family="paragraph")
    heading.addElement(TextProperties(fontsize="14pt", fontweight="bold"))
    document.styles.addElement(heading)

    body = document.text
    body.addElement(P(stylename=title, text=report.title))
    body.addElement(P(text=report.subtitle))
    colon = " : " if report.language == "fr" else ": "
    for label, value in (
        (report.jurisdiction_label, report.jurisdiction),
        (report.contact_label, report.contact),
    ):
        paragraph = P()
        paragraph.addElement(Span(stylename=bold, text=label + colon))
        paragraph.addText(value)
        body.addElement(paragraph)
    notes = dict(report.notes)
    cited: set[int] = set()

    def fill(paragraph: P, block: Block) -> P:
        for run in block.runs:
            paragraph.addText(run.text)
            if run.note:
                # A real footnote the first time a number is cited; a reference after that.
                if run.note in cited:
                    paragraph.addText(_note_mark(run.note))
                    continue
                cited.add(run.note)
                note = Note(noteclass="footnote", id=f"note{run.note}")
                note.addElement(NoteCitation(text=str(run.note)))
                note_body = NoteBody()
                note_body.addElement(P(text=notes[run.note]))
                note.addElement(note_body)
                paragraph.addElement(note)
        return paragraph

    for section in report.sections:
        body.addElement(H(outlinelevel=1, stylename=heading, text=section.heading))
        body.addElement(P(stylename=italic, text=section.prompt))
        bullets: List | None = None
        for block in section.blocks:
            if block.bullet:
                if bullets is None:
                    bullets = List()
                    body.addElement(bullets)
                item = ListItem()
                item.addElement(fill(P(), block))
                bullets.addElement(item)
            else:
                bullets = None
                body.addElement(fill(P(), block))
    out = io.BytesIO()
    document.write(out)
    return out.getvalue()


FORMATS: dict[str, tuple[Callable[[RenderedReport], bytes], str]] = {
    "pdf": (report_pdf, "application/pdf"),
    "docx": (
        report_docx,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ),
    "odt": (report_odt, "application/vnd.oasis.opendocument.text"),
}
