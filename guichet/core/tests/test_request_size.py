"""An oversized body is refused from its Content-Length, before a byte of it is read."""

from __future__ import annotations

import io
import json

import pytest
from django.test import RequestFactory

from guichet.core.request_size import RequestSizeMiddleware


class Unreadable(io.RawIOBase):
    def read(self, *args, **kwargs):  # type: ignore[override]
        raise AssertionError("the body was read")

    readline = read


def request_of(path: str, length: int | str, content_type: str):
    request = RequestFactory().generic("POST", path, b"x", content_type=content_type)
    request.META["CONTENT_LENGTH"] = str(length)
    request.META["wsgi.input"] = Unreadable()
    request._stream = Unreadable()  # what Django reads the body from
    return request


def reached(request):
    from django.http import HttpResponse

    request.body  # noqa: B018  (reads it)
    return HttpResponse("read")


def test_a_50_mb_photo_upload_is_refused_before_it_is_read(settings):
    request = request_of(
        "/en/apply/pr-card/step/5", 50 * 1024 * 1024, "multipart/form-data; boundary=x"
    )
    response = RequestSizeMiddleware(reached)(request)
    assert response.status_code == 413
    page = response.content.decode()
    assert "too large" in page and "trop volumineuse" in page
    assert str(settings.REQUEST_UPLOAD_MAX_BYTES // 1024) in page


def test_an_oversized_api_body_is_a_bilingual_413_naming_the_body(settings):
    length = settings.DATA_UPLOAD_MAX_MEMORY_SIZE + 1
    response = RequestSizeMiddleware(reached)(
        request_of("/api/v1/status-lookups", length, "application/json")
    )
    assert response.status_code == 413
    body = json.loads(response.content)
    assert body["field"] == "body" and body["code"] == "too_large"
    assert body["message"]["en"] and body["message"]["fr"] != body["message"]["en"]


@pytest.mark.parametrize("length", ["abc", "-5"])
def test_a_content_length_that_is_not_a_number_is_a_400(length):
    response = RequestSizeMiddleware(reached)(
        request_of("/api/v1/status-lookups", length, "application/json")
    )
    assert response.status_code == 400
    assert json.loads(response.content)["field"] == "body"


def test_a_body_within_the_limit_goes_on(client):
    response = client.post("/api/v1/status-lookups", data=b"{}", content_type="application/json")
    assert response.status_code == 400  # reached the view, which names the missing field


def test_the_middleware_is_installed_first_of_those_that_may_read(settings):
    assert settings.MIDDLEWARE.index("guichet.core.request_size.RequestSizeMiddleware") < (
        settings.MIDDLEWARE.index("django.middleware.csrf.CsrfViewMiddleware")
    )
