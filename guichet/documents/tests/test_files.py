"""What a client's file must be to be kept: checked from its content, scanned, cleaned."""

import io

import pytest
from django.test import override_settings
from PIL import Image
from pypdf import PdfReader, PdfWriter
from pypdf.generic import DecodedStreamObject, NameObject

from guichet.core.errors import InvalidInput
from guichet.documents.files import document_clean
from guichet.documents.models import FileKind
from guichet.documents.tests.conftest import jpeg_bytes, pdf_bytes, upload


def refusal(data: bytes, **kwargs) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        document_clean(upload(data, **kwargs))
    assert caught.value.field == "file"
    return caught.value


def test_a_plain_pdf_is_kept_with_its_pages():
    data = pdf_bytes(pages=2)
    clean = document_clean(upload(data))
    assert clean.kind == FileKind.PDF
    assert len(PdfReader(io.BytesIO(clean.data)).pages) == 2


def test_a_pdf_is_kept_without_its_metadata():
    writer = PdfWriter()
    writer.add_blank_page(width=612, height=792)
    writer.add_metadata({"/Author": "Marie-Ève Tremblay", "/Title": "Passeport de Marie-Ève"})
    writer._root_object[NameObject("/Metadata")] = writer._add_object(
        DecodedStreamObject.initialize_from_dictionary(
            {"__streamdata__": b"<x:xmpmeta>Marie-Eve Tremblay</x:xmpmeta>", "/Length": 41}
        )
    )
    out = io.BytesIO()
    writer.write(out)
    assert b"Tremblay" in out.getvalue()
    clean = document_clean(upload(out.getvalue()))
    kept = PdfReader(io.BytesIO(clean.data))
    assert not kept.metadata and "/Metadata" not in kept.trailer["/Root"]
    assert b"Tremblay" not in clean.data and len(kept.pages) == 1


def test_a_jpeg_is_re_encoded_without_its_metadata():
    data = jpeg_bytes(comment=b"<script>alert(1)</script>")
    clean = document_clean(upload(data, name="photo.jpg", content_type="image/jpeg"))
    assert clean.kind == FileKind.JPEG
    assert b"Marie-Eve" not in clean.data and b"<script>" not in clean.data
    with Image.open(io.BytesIO(clean.data)) as image:
        assert image.size == (800, 600)
        assert not image.getexif()


def test_a_png_becomes_a_jpeg():
    out = io.BytesIO()
    Image.new("RGB", (300, 200), "white").save(out, format="PNG")
    assert document_clean(upload(out.getvalue(), name="scan.png")).kind == FileKind.JPEG


def test_the_type_comes_from_the_content_not_the_name():
    error = refusal(b"<html><script>alert(1)</script></html>", name="letter.pdf")
    assert "PDF, JPEG or PNG" in error.text("en")
    assert "PDF, JPEG ou PNG" in error.text("fr")


def test_a_pdf_with_a_script_is_refused():
    error = refusal(pdf_bytes(script=True))
    assert "script" in error.text("en")


def test_a_pdf_with_a_disguised_script_name_is_refused():
    # /J#61vaScript is /JavaScript to a PDF reader.
    # Same length, so the cross-reference offsets stay right and the file reads.
    data = pdf_bytes(script=True).replace(b"\n/S /JavaScript", b"/S/J#61vaScript")
    data = data.replace(b"\n/JS (", b"/J#53(")
    assert b"/JavaScript" not in data and b"/JS" not in data
    assert "script" in refusal(data).text("en")


def test_a_malformed_pdf_is_refused():
    error = refusal(b"%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage")
    assert "could not be read" in error.text("en")


def test_an_image_that_does_not_decode_is_refused():
    refusal(b"\xff\xd8\xff\xe0" + b"\x00" * 200, name="x.jpg")


@override_settings(DOCUMENTS_MAX_PIXELS=100_000)
def test_pixels_are_counted_before_decoding():
    error = refusal(jpeg_bytes(size=(1000, 1000)), name="big.jpg")
    assert "pixels" in error.text("en")


@override_settings(DOCUMENTS_MAX_BYTES=1024 * 1024)
def test_a_file_over_the_size_cap_is_refused():
    error = refusal(pdf_bytes() + b"%" + b"x" * (1024 * 1024))
    assert "1 MB" in error.text("en")


@override_settings(DOCUMENTS_MAX_PDF_PAGES=2)
def test_a_pdf_with_too_many_pages_is_refused():
    refusal(pdf_bytes(pages=3))


def test_an_empty_file_is_refused():
    refusal(b"")


def test_no_file_is_refused():
    with pytest.raises(InvalidInput) as caught:
        document_clean(None)
    assert caught.value.field == "file"


def test_the_antivirus_refuses_the_eicar_test_file(eicar_scanner, eicar_pdf):
    error = refusal(eicar_pdf)
    assert "antivirus" in error.text("en")
    assert "antivirus" in error.text("fr")


def test_the_default_scanner_accepts(eicar_pdf):
    assert document_clean(upload(eicar_pdf)).kind == FileKind.PDF
