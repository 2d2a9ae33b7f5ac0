"""Issue 17: a guessed address in the demo (development settings, DEBUG on) shows the bilingual
404 page, never Django's technical 404 listing every URL pattern."""

import pytest
from django.test import Client, override_settings

from guichet.config.django import development

pytestmark = pytest.mark.django_db
DEMO = override_settings(DEBUG=True, MIDDLEWARE=development.MIDDLEWARE)
TECHNICAL = "Using the URLconf"


def test_the_development_settings_keep_debug_and_add_the_page():
    assert development.DEBUG is True
    assert development.MIDDLEWARE[-1] == "guichet.web.not_found.NotFoundPageMiddleware"


@DEMO
@pytest.mark.parametrize(
    ("address", "title", "lang"),
    [
        ("/en/nowhere/", "We cannot find that page", "en"),
        ("/fr/nulle-part/", "Nous ne trouvons pas cette page", "fr"),
    ],
)
def test_a_guessed_address_gets_the_bilingual_404_page(address, title, lang):
    response = Client().get(address)
    assert response.status_code == 404
    assert TECHNICAL not in response.text and "urlpatterns" not in response.text
    assert f"<h1>{title}</h1>" in response.text
    assert f'<html lang="{lang}">' in response.text


@DEMO
def test_a_view_that_finds_nothing_gets_the_404_page_too(settings):
    response = Client().get("/en/help/articles/no-such-article/")
    assert response.status_code == 404
    assert "Raised by:" not in response.text and TECHNICAL not in response.text
    assert "<h1>We cannot find that page</h1>" in response.text


@DEMO
def test_a_missing_slash_still_redirects():
    response = Client().get("/en/help")
    assert response.status_code in (301, 302)
    assert response["Location"].endswith("/en/help/")


def test_without_the_middleware_debug_would_list_the_patterns():
    """What the middleware is for (so that this test file means something)."""
    with override_settings(DEBUG=True):
        response = Client().get("/en/nowhere/")
    assert response.status_code == 404 and TECHNICAL in response.text
