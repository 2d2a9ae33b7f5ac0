"""Each export, in each language, parsed back: the four numbered sections and the figures."""

import datetime as dt
import io
import zipfile

import docx
import pytest
from odf import teletype
from odf.dc import Language
from odf.opendocument import load
from odf.text import H, Note
from pypdf import PdfReader

from guichet.reports.exports import report_docx, report_odt, report_pdf
from guichet.reports.render import report_render
from guichet.reports.services import edition_open
from guichet.reports.tests.helpers import PERIOD, live_figures

pytestmark = pytest.mark.django_db

HEADINGS = {
    "en": [
        "1. Achievements",
        "2. Priorities",
        "3. Challenges and needs",
        "4. Planning of council meetings",
    ],
    "fr": [
        "1. Réalisations",
        "2. Priorités",
        "3. Enjeux et besoins",
        "4. Planification des réunions du Conseil",
    ],
}
# A figure each language writes its own way: the share of visitor visas on time (2 of 4).
SHARE = {"en": "50.0%", "fr": "50,0\u00a0%"}


@pytest.fixture
def reports(monkeypatch):
    monkeypatch.setattr("guichet.core.clock.today", lambda: dt.date(2026, 12, 4))
    live_figures()
    edition = edition_open(**PERIOD, actor=None)
    version = edition.versions.get()
    return {
        lang: report_render(edition=edition, version=version, language=lang)
        for lang in ("en", "fr")
    }


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_pdf(reports, lang):
    reader = PdfReader(io.BytesIO(report_pdf(reports[lang])))
    text = "\n".join(page.extract_text() for page in reader.pages)
    flat = " ".join(text.split())
    for heading in HEADINGS[lang]:
        assert heading in flat
    assert SHARE[lang].replace("\u00a0", " ") in flat.replace("\u00a0", " ")
    # Tagged PDF/UA: a structure tree, marked content and the document's language.
    root = reader.trailer["/Root"]
    assert root["/MarkInfo"]["/Marked"]
    assert "/StructTreeRoot" in root
    assert str(root["/Lang"]).startswith(lang)
    assert reports[lang].title in str(reader.metadata.title)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_docx(reports, lang):
    document = docx.Document(io.BytesIO(report_docx(reports[lang])))
    headings = [p.text for p in document.paragraphs if p.style.name == "Heading 1"]
    assert headings[:4] == HEADINGS[lang]
    text = "\n".join(p.text for p in document.paragraphs)
    assert SHARE[lang] in text
    assert reports[lang].notes[0][1] in text  # the first footnote, in full
    assert document.core_properties.language == f"{lang}-CA"


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_odt(reports, lang):
    data = report_odt(reports[lang])
    assert zipfile.ZipFile(io.BytesIO(data)).read("mimetype") == (
        b"application/vnd.oasis.opendocument.text"
    )
    document = load(io.BytesIO(data))
    headings = [teletype.extractText(h) for h in document.getElementsByType(H)]
    assert headings == HEADINGS[lang]
    notes = document.getElementsByType(Note)
    assert len(notes) == len(reports[lang].notes)  # each figure a real footnote
    assert SHARE[lang] in teletype.extractText(document.text)
    languages = [teletype.extractText(e) for e in document.getElementsByType(Language)]
    assert languages == [f"{lang}-CA"]
