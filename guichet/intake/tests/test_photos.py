"""Photos are judged by their content and re-encoded: names and declared types prove nothing."""

from __future__ import annotations

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from guichet.core.errors import InvalidInput
from guichet.intake.photos import photo_clean


def image_bytes(kind: str = "JPEG", size: tuple[int, int] = (600, 800), **save: object) -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", size, (200, 180, 160)).save(buffer, format=kind, **save)
    return buffer.getvalue()


def upload(data: bytes, name: str = "photo.jpg", content_type: str = "image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def test_a_jpeg_comes_back_re_encoded_without_its_metadata():
    exif = Image.Exif()
    exif[0x010E] = "secret description"  # ImageDescription
    cleaned = photo_clean(upload(image_bytes(exif=exif.tobytes()) + b"<?php echo 1; ?>"))
    assert cleaned.startswith(b"\xff\xd8\xff")
    assert b"secret description" not in cleaned and b"<?php" not in cleaned
    assert Image.open(io.BytesIO(cleaned)).size == (600, 800)


def test_a_png_named_like_a_text_file_is_accepted_by_its_content():
    cleaned = photo_clean(upload(image_bytes("PNG"), name="notes.txt", content_type="text/plain"))
    assert Image.open(io.BytesIO(cleaned)).format == "JPEG"


@pytest.mark.parametrize(
    "data",
    [
        b"<html><script>alert(1)</script></html>",
        b"GIF89a" + b"\x00" * 100,
        image_bytes("BMP"),
    ],
    ids=["html", "gif", "bmp"],
)
def test_a_file_that_lies_about_being_a_photo_is_refused(data):
    with pytest.raises(InvalidInput) as caught:
        photo_clean(upload(data, name="photo.jpg", content_type="image/jpeg"))
    assert caught.value.field == "photo"
    assert "JPEG or PNG" in caught.value.text("en") and caught.value.text("fr")


def test_a_truncated_jpeg_is_refused():
    data = image_bytes()
    with pytest.raises(InvalidInput, match="could not be read"):
        photo_clean(upload(data[: len(data) // 2]))


def test_a_file_over_the_size_limit_is_refused_before_it_is_read(settings):
    settings.INTAKE_PHOTO_MAX_BYTES = 10_000
    with pytest.raises(InvalidInput, match="too large"):
        photo_clean(upload(image_bytes() + b"\x00" * 20_000))


def test_too_few_or_too_many_pixels_are_refused(settings):
    with pytest.raises(InvalidInput, match="too small"):
        photo_clean(upload(image_bytes(size=(200, 300))))
    settings.INTAKE_PHOTO_MAX_SIZE = (1000, 1000)
    with pytest.raises(InvalidInput, match="at most 1000"):
        photo_clean(upload(image_bytes(size=(1200, 1500))))


def test_a_jpeg_comment_with_a_script_does_not_survive_re_encoding():
    cleaned = photo_clean(upload(image_bytes(comment=b"<script>alert(1)</script>")))
    assert b"<script>" not in cleaned
    assert "comment" not in Image.open(io.BytesIO(cleaned)).info


def test_no_metadata_survives_not_even_icc_xmp_or_png_text_chunks():
    from PIL import ImageCms, PngImagePlugin

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    jpeg = image_bytes(icc_profile=profile, xmp=b"<x:xmpmeta>secret-xmp</x:xmpmeta>")
    cleaned = photo_clean(upload(jpeg))
    assert Image.open(io.BytesIO(cleaned)).info.get("icc_profile") is None
    assert b"secret-xmp" not in cleaned
    text = PngImagePlugin.PngInfo()
    text.add_text("comment", "<script>png-comment</script>")
    text.add_text("Author", "secret-author")
    text.add_itxt("Description", "secret-itxt", zip=True)
    cleaned = photo_clean(upload(image_bytes("PNG", pnginfo=text), name="photo.png"))
    assert b"png-comment" not in cleaned and b"secret-author" not in cleaned
    assert b"secret-itxt" not in cleaned
    info = Image.open(io.BytesIO(cleaned)).info
    assert not {"comment", "Author", "Description", "exif", "xmp"} & set(info)


def test_a_small_file_of_too_many_pixels_is_refused_before_it_is_decoded(monkeypatch):
    buffer = io.BytesIO()
    Image.new("1", (5999, 5999)).save(buffer, format="PNG", optimize=True)
    data = buffer.getvalue()
    assert len(data) < 200_000  # small on the wire, 36 megapixels once decoded

    def no_decoding(self, *args, **kwargs):
        raise AssertionError("the pixels were decoded")

    monkeypatch.setattr(Image.Image, "load", no_decoding)
    monkeypatch.setattr("PIL.ImageFile.ImageFile.load", no_decoding)
    with pytest.raises(InvalidInput) as caught:
        photo_clean(upload(data, name="photo.png"))
    assert caught.value.field == "photo"
    assert "too many pixels" in caught.value.text("en")
    assert "pixels" in caught.value.text("fr")


def test_a_twelve_megapixel_phone_photo_is_accepted():
    cleaned = photo_clean(upload(image_bytes(size=(4032, 3024), quality=30)))
    assert Image.open(io.BytesIO(cleaned)).size == (4032, 3024)
