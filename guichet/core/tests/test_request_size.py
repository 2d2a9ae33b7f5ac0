"""An oversized body is refused from its Content-Length, before a byte of it is read."""

from __future__ import annotations

import io
import json

import pytest
from django.test import Client as HttpClient
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


@pytest.mark.django_db
def test_form_fields_too_large_for_django_are_a_bilingual_413_page_not_its_400(settings):
    # Within the multipart limit (a photo's room), but its text fields alone are over
    # DATA_UPLOAD_MAX_MEMORY_SIZE: Django refuses it while parsing, before any view.
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1024
    response = HttpClient().post("/en/pr-card/step/1/", {"family_name": "x" * 4096})
    assert response.status_code == 413
    page = response.content.decode()
    assert "at most 1 KB of form fields" in page
    assert "champs du formulaire" in page
    assert response["Content-Type"].startswith("text/html")


@pytest.mark.django_db
def test_too_many_fields_on_the_api_are_a_bilingual_413_problem(settings):
    settings.DATA_UPLOAD_MAX_NUMBER_FIELDS = 10
    settings.TWILIO_AUTH_TOKEN = "test-token"
    fields = {f"f{n}": "1" for n in range(20)}
    # Signed (wrongly: checking it is what reads the form).
    response = HttpClient().post(
        "/api/v1/notifications/twilio/inbound", fields, headers={"X-Twilio-Signature": "x"}
    )
    assert response.status_code == 413
    body = json.loads(response.content)
    assert body["code"] == "too_large" and body["field"] == "body"
    assert body["message"]["en"] and body["message"]["fr"] != body["message"]["en"]


def test_another_bad_request_is_still_a_400():
    from django.core.exceptions import SuspiciousOperation

    from guichet.core.request_size import bad_request

    response = bad_request(RequestFactory().get("/en/"), SuspiciousOperation("bad"))
    assert response.status_code == 400
