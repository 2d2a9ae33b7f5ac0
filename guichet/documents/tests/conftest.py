"""Files for the documents tests, made here so that no test file is committed."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import DictionaryObject, NameObject, TextStringObject

from guichet.documents.scanners import EICAR


def pdf_bytes(*, script: bool = False, pages: int = 1) -> bytes:
    writer = PdfWriter()
    for _ in range(pages):
        writer.add_blank_page(width=612, height=792)
    if script:
        writer._root_object[NameObject("/OpenAction")] = DictionaryObject(
            {
                NameObject("/S"): NameObject("/JavaScript"),
                NameObject("/JS"): TextStringObject("app.alert('hello');"),
            }
        )
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


def jpeg_bytes(*, size: tuple[int, int] = (800, 600), comment: bytes = b"") -> bytes:
    out = io.BytesIO()
    image = Image.new("RGB", size, (200, 30, 30))
    exif = Image.Exif()
    exif[0x010E] = "Marie-Eve at home, 45.4215 N -75.6972 W"  # ImageDescription
    image.save(out, format="JPEG", exif=exif, comment=comment)
    return out.getvalue()


def upload(data: bytes, name: str = "document.pdf", content_type: str = "application/pdf"):
    return SimpleUploadedFile(name, data, content_type=content_type)


@pytest.fixture
def eicar_pdf() -> bytes:
    return pdf_bytes() + b"\n%" + EICAR + b"\n"


@pytest.fixture
def eicar_scanner(settings):
    settings.DOCUMENTS_SCANNER = "guichet.documents.scanners.EicarTestScanner"


@pytest.fixture(autouse=True)
def media_in_tmp(settings, tmp_path):
    """Files go to a folder of the test's own (the default storage is the file system)."""
    settings.MEDIA_ROOT = str(tmp_path / "media")
    return tmp_path / "media"
