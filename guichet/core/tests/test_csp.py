"""The Content-Security-Policy (issue 9.10): a strict header on every page, and templates that
need nothing it forbids (an inline script, style attribute, <style> block or on…= handler)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from django.test import Client as HttpClient

import guichet

pytestmark = pytest.mark.django_db

ROOT = Path(guichet.__file__).resolve().parent
INLINE = {
    "inline script": re.compile(r"<script(?![^>]*\bsrc=)[^>]*>", re.IGNORECASE),
    "<style> block": re.compile(r"<style\b", re.IGNORECASE),
    "style attribute": re.compile(r"\sstyle\s*=", re.IGNORECASE),
    "event handler attribute": re.compile(r"\son[a-z]+\s*=\s*[\"'{]", re.IGNORECASE),
    "javascript: address": re.compile(r"javascript:", re.IGNORECASE),
}


def directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    parts = (part.split() for part in header.split(";") if part.strip())
    return {words[0]: words[1:] for words in parts}


@pytest.mark.parametrize("path", ["/en/", "/fr/", "/en/account/sign-in/", "/en/staff/sign-in/"])
def test_pages_have_a_strict_policy(path):
    response = HttpClient().get(path)
    assert response.status_code == 200
    policy = directives(response)
    assert "'unsafe-inline'" not in response["Content-Security-Policy"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]
    assert policy["default-src"] == ["'self'"]
    assert policy["script-src"] == ["'self'"]
    assert policy["object-src"] == ["'none'"]
    assert policy["base-uri"] == ["'none'"]
    assert policy["frame-ancestors"] == ["'none'"]
    assert policy["form-action"] == ["'self'"]
    # Styles: our own, and the one <style> the design system's components add with the nonce
    # they read from the page (a fresh one each response).
    (nonce,) = [word for word in policy["style-src"] if word.startswith("'nonce-")]
    assert f'<meta name="csp-nonce" content="{nonce[7:-1]}">' in response.text


def test_the_nonce_changes_with_every_response():
    first, second = HttpClient().get("/en/"), HttpClient().get("/en/")
    assert directives(first)["style-src"] != directives(second)["style-src"]


def test_the_api_has_the_policy_too():
    response = HttpClient().get("/api/v1/processing-times")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def template_files() -> list[Path]:
    found = sorted(ROOT.glob("*/templates/**/*.html"))
    assert len(found) > 50, "the scan found too few templates to be looking in the right place"
    return found


def test_no_template_needs_an_inline_script_or_style():
    offences = []
    for path in template_files():
        text = path.read_text(encoding="utf-8")
        for what, pattern in INLINE.items():
            for match in pattern.finditer(text):
                line = text.count("\n", 0, match.start()) + 1
                offences.append(f"{path.relative_to(ROOT)}:{line}: {what}: {match.group(0)}")
    assert not offences, "The Content-Security-Policy blocks these:\n" + "\n".join(offences)


def test_the_scan_finds_what_it_looks_for():
    samples = [
        "<script>alert(1)</script>",
        '<p style="color: red">',
        "<style>p {}</style>",
        '<button onclick="go()">',
        '<a href="javascript:go()">',
    ]
    for sample in samples:
        assert any(pattern.search(sample) for pattern in INLINE.values()), sample
    assert not any(
        pattern.search('<script type="module" src="/static/x.js"></script>')
        for pattern in INLINE.values()
    )
