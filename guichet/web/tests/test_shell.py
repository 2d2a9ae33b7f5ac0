"""The bilingual shell: /en/ and /fr/ pages in pairs, <html lang>, the language toggle, the
GC Design System assets, and a home page that says what Guichet offers."""

import pytest
from django.contrib.staticfiles import finders
from django.test import Client as HttpClient
from django.test import RequestFactory
from django.utils import translation

from guichet.testing.factories import case_make, staff_make
from guichet.web.context_processors import language_toggle

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("accept", "target"),
    [
        ("fr-CA,fr;q=0.9,en;q=0.5", "/fr/"),
        ("en-CA,en;q=0.9", "/en/"),
        ("", "/en/"),
        ("de-DE", "/en/"),
    ],
)
def test_root_redirects_by_accept_language(accept, target):
    response = HttpClient().get("/", HTTP_ACCEPT_LANGUAGE=accept)
    assert response.status_code == 302
    assert response["Location"] == target


@pytest.mark.parametrize("language", ["en", "fr"])
def test_html_lang_matches_the_url(language):
    response = HttpClient().get(f"/{language}/")
    assert response.status_code == 200
    assert f'<html lang="{language}">' in response.text


def test_home_page_says_what_guichet_offers_in_english():
    page = HttpClient().get("/en/").text
    for sentence in (
        "Apply, follow your application, and know when it will be decided",
        "Check the status of your application",
        "by phone, through our automated line",
        "by text message",
        "Know when your application will be decided",
        "80% of complete applications decided within 180 days",
        "Spouse or common-law partner in Canada",
    ):
        assert sentence in page, sentence
    assert 'href="/en/staff/sign-in/"' in page


def test_home_page_in_french():
    page = HttpClient().get("/fr/").text
    for sentence in (
        "Présentez une demande, suivez-en le traitement et sachez quand une décision sera rendue",
        "Vérifier l'état de votre demande",
        "par téléphone, grâce à notre ligne automatisée",
        "80\u00a0% des demandes complètes font l'objet d'une décision en 180 jours",
        "Époux ou conjoint de fait au Canada",
    ):
        assert sentence in page, sentence
    assert 'href="/fr/personnel/connexion/"' in page


@pytest.mark.parametrize(
    ("path", "paired"),
    [
        ("/en/", "/fr/"),
        ("/fr/", "/en/"),
        ("/en/staff/sign-in/", "/fr/personnel/connexion/"),
        ("/fr/personnel/connexion/", "/en/staff/sign-in/"),
    ],
)
def test_language_toggle_links_to_the_paired_page(path, paired):
    page = HttpClient().get(path).text
    language = paired.split("/")[1]
    name = {"en": "English", "fr": "Français"}[language]
    assert f'<a href="{paired}" lang="{language}" hreflang="{language}">{name}</a>' in page
    assert f'<link rel="alternate" hreflang="{language}" href="{paired}">' in page


def test_language_toggle_pairs_staff_case_pages():
    case = case_make()
    http = HttpClient()
    http.force_login(staff_make("officer"))
    page = http.get(f"/en/staff/cases/{case.pk}/").text
    assert f'href="/fr/personnel/dossiers/{case.pk}/" lang="fr"' in page
    page = http.get(f"/fr/personnel/dossiers/{case.pk}/").text
    assert f'href="/en/staff/cases/{case.pk}/" lang="en"' in page


def test_language_toggle_keeps_the_query_string_and_translates_next():
    request = RequestFactory().get("/en/staff/sign-in/", {"next": "/en/staff/cases/"})
    with translation.override("en"):
        toggle = language_toggle(request)["language_toggle"]
    assert toggle == {
        "url": "/fr/personnel/connexion/?next=%2Ffr%2Fpersonnel%2Fdossiers%2F",
        "language": "fr",
        "name": "Français",
    }


def test_language_toggle_keeps_a_help_search():
    """Switching language on search results must not lose the search (issue 9.4)."""
    request = RequestFactory().get("/fr/aide/", {"q": "biométrie", "page": "2"})
    with translation.override("fr"):
        toggle = language_toggle(request)["language_toggle"]
    assert toggle["url"] == "/en/help/?q=biom%C3%A9trie&page=2"


def test_language_toggle_on_an_unknown_page_goes_to_the_other_home():
    request = RequestFactory().get("/fr/nulle-part/")
    with translation.override("fr"):
        assert language_toggle(request)["language_toggle"]["url"] == "/en/"
    response = HttpClient().get("/fr/nulle-part/")
    assert response.status_code == 404
    assert '<html lang="fr">' in response.text
    assert 'href="/en/" lang="en"' in response.text


def test_every_page_has_the_skip_link_and_design_system():
    page = HttpClient().get("/en/").text
    assert '<a href="#main-content">Skip to main content</a>' in page
    assert 'id="main-content"' in page
    assert "<gcds-header" in page and "<gcds-footer" in page
    assert '/static/vendor/gcds/gcds.css"' in page
    assert '<script type="module" src="/static/vendor/gcds/gcds/gcds.esm.js">' in page
    assert "Passer au contenu principal" in HttpClient().get("/fr/").text


@pytest.mark.parametrize(
    "asset",
    [
        "vendor/gcds/gcds.css",
        "vendor/gcds/fonts.css",
        "vendor/gcds/gcds/gcds.esm.js",
        "web/guichet.css",
    ],
)
def test_static_assets_are_served_locally(asset):
    assert finders.find(asset), f"{asset} missing: run `make assets`"


def test_pages_work_without_javascript():
    """Everything a person needs is plain HTML: links and forms, not components."""
    page = HttpClient().get("/en/staff/sign-in/").text
    assert '<form method="post"' in page
    assert '<button type="submit"' in page
    assert "<gcds-button" not in page and "<gcds-input" not in page


# Every client service the home page must lead to (issue 9.1): URL name and its /en/ address.
CLIENT_SERVICES = [
    ("accounts:status-check", "/en/application-status/"),
    ("accounts:sign-in", "/en/account/sign-in/"),
    ("accounts:sign-up", "/en/account/sign-up/"),
    ("intake:visitor_visa", "/en/visitor-visa/"),
    ("intake:pr_card_start", "/en/pr-card/"),
    ("contact:help", "/en/help/"),
    ("standards:processing-times", "/en/processing-times/"),
]


@pytest.mark.django_db
@pytest.mark.parametrize("language", ["en", "fr"])
def test_home_page_links_to_every_client_service(language):
    from django.urls import reverse

    page = HttpClient().get(f"/{language}/").text
    for name, _address in CLIENT_SERVICES:
        with translation.override(language):
            href = reverse(name)
        assert f'href="{href}"' in page, name
        assert HttpClient().get(href).status_code == 200, name


def test_the_service_addresses_are_the_known_ones():
    from django.urls import reverse

    with translation.override("en"):
        assert [reverse(name) for name, _ in CLIENT_SERVICES] == [a for _, a in CLIENT_SERVICES]


def test_error_summary_line_has_one_colon_and_french_spacing():
    from django import forms

    from guichet.web.templatetags.web_errors import labelled_error

    class Form(forms.Form):
        refused = forms.CharField(label="Have you ever been refused a visa?")
        name = forms.CharField(label="Family name")
        born = forms.CharField(label="Date of birth:")

    form = Form()
    with translation.override("en"):
        assert labelled_error(form["refused"], "Answer yes or no.") == (
            "Have you ever been refused a visa? Answer yes or no."
        )
        assert labelled_error(form["name"], "Required.") == "Family name: Required."
        assert labelled_error(form["born"], "Required.") == "Date of birth: Required."
    with translation.override("fr"):
        assert labelled_error(form["name"], "Obligatoire.") == "Family name\u00a0: Obligatoire."


@pytest.mark.parametrize(
    "template", ["intake/_error_summary.html", "contact/_errors.html", "accounts/_errors.html"]
)
def test_error_summaries_render_no_question_colon_and_a_french_colon(template):
    """Issue 9.4: "label?: error" and "Libellé: erreur" (no non-breaking space) are gone."""
    from django import forms
    from django.template.loader import render_to_string

    class Form(forms.Form):
        refused = forms.CharField(label="Have you ever been refused a visa?")
        name = forms.CharField(label="Family name")

    for language, expected in (("en", "Family name: This field is required."), ("fr", None)):
        with translation.override(language):
            form = Form({})
            form.is_valid()
            html = render_to_string(template, {"form": form})
        assert "?:" not in html
        assert "? :" not in html
        if expected:
            assert expected in html
            assert "Have you ever been refused a visa? This field is required." in html
        else:
            assert "Family name\u00a0: " in html
            assert "Family name: " not in html


def test_language_toggle_never_carries_personal_details_over():
    """Kept query strings must not spread a typed-in application number or name (issue 9.1)."""
    request = RequestFactory().get(
        "/en/help/", {"q": "visa", "application_number": "V123456789", "family_name": "Roy"}
    )
    with translation.override("en"):
        toggle = language_toggle(request)["language_toggle"]
    assert toggle["url"] == "/fr/aide/?q=visa"
