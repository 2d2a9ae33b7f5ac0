"""The browser plugin works: Chromium starts, axe-core runs and finds what it should."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from guichet.testing import browser as plugin
from guichet.testing import html_check
from guichet.testing.browser import axe_violations, format_violations

PAGE = """<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>Axe self-test</title></head>
<body><main><h1>Axe self-test</h1>{body}</main></body>
</html>"""
PIXEL = "data:image/gif;base64,R0lGODlhAQABAAAAACwAAAAAAQABAAA="


@pytest.mark.browser
def test_axe_reports_an_image_without_alt(page: Page) -> None:
    page.set_content(PAGE.format(body=f'<img src="{PIXEL}">'))
    violations = axe_violations(page)
    found = {violation["id"]: violation["impact"] for violation in violations}
    assert found.get("image-alt") == "critical", format_violations(violations)


@pytest.mark.browser
def test_axe_passes_an_image_with_alt(page: Page) -> None:
    page.set_content(PAGE.format(body=f'<img src="{PIXEL}" alt="Canada wordmark">'))
    violations = axe_violations(page)
    assert violations == [], format_violations(violations)


@pytest.mark.browser
def test_axe_runs_under_a_strict_content_security_policy(page: Page) -> None:
    csp = '<meta http-equiv="Content-Security-Policy" content="script-src \'none\'">'
    page.set_content(PAGE.replace("<head>", "<head>" + csp).format(body=f'<img src="{PIXEL}">'))
    assert "image-alt" in {violation["id"] for violation in axe_violations(page)}


def test_missing_chromium_skips_outside_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(plugin, "CHROMIUM", tmp_path / "chromium")
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(
        pytest.skip.Exception, match=r"Chromium not found at .*: browser tests skipped"
    ):
        plugin.require_chromium()


def test_missing_chromium_fails_in_ci(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(plugin, "CHROMIUM", tmp_path / "chromium")
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true forbids skipping"):
        plugin.require_chromium()


@pytest.mark.browser
def test_a_content_security_policy_violation_is_caught(browser) -> None:
    context = browser.new_context()
    page = context.new_page()
    violations = plugin.csp_violations_watch(context, page)
    html = PAGE.format(body='<p style="color: red">Styled</p><script>document.title = 1</script>')
    page.route(
        "http://guichet.test/",
        lambda route: route.fulfill(
            body=html,
            content_type="text/html",
            headers={"Content-Security-Policy": "default-src 'self'"},
        ),
    )
    try:
        page.goto("http://guichet.test/")
        page.wait_for_timeout(100)
    finally:
        context.close()
    assert any("style-src" in text for text in violations), violations
    assert any("script-src" in text for text in violations), violations


def test_axe_checks_a_phone_width_too_and_reports_sideways_scrolling(page: Page) -> None:
    page.set_content(PAGE.format(body='<div style="width: 900px">A wide block</div>'))
    violations = axe_violations(page)
    found = {(violation["id"], violation["viewport"]) for violation in violations}
    assert found == {("reflow", plugin.PHONE_VIEWPORT["width"])}, format_violations(violations)
    assert "div" in format_violations(violations)
    assert page.viewport_size == {"width": 1280, "height": 720}  # given back


@pytest.mark.browser
def test_axe_finds_what_only_a_phone_width_shows(page: Page) -> None:
    # Hidden on a desktop, shown (without its alt text) on a phone.
    style = "<style>img {display: none} @media (max-width: 400px) {img {display: inline}}</style>"
    page.set_content(PAGE.format(body=f'<img src="{PIXEL}">').replace("</head>", style + "</head>"))
    violations = axe_violations(page)
    assert [(v["id"], v["viewport"]) for v in violations] == [("image-alt", 375)]


VALID_PAGE = PAGE.format(body="<p>Fine.</p>")


def checker() -> None:
    missing = html_check.checker_missing()
    if missing:
        pytest.skip(f"{missing}: the HTML checker's own tests skipped")


def test_the_html_checker_finds_what_the_pages_had_wrong() -> None:
    checker()
    bad = PAGE.format(
        body='<time datetime="2026-03-01T09:30:15.123456-05:00">1 March</time>'
        '<form method="get" action=""><button>Go</button></form>'
    )
    errors = html_check.html_errors(
        [
            html_check.Document("http://testserver/en/bad/", bad),
            html_check.Document("http://testserver/en/good/", VALID_PAGE),
        ]
    )
    text = "\n".join(errors)
    assert len(errors) == 2, text
    assert all(line.startswith("http://testserver/en/bad/ line") for line in errors), text
    assert "datetime" in text and "action" in text


def test_the_html_checker_passes_a_valid_page() -> None:
    checker()
    assert html_check.html_errors([html_check.Document("http://testserver/", VALID_PAGE)]) == []


def test_only_pages_from_a_server_are_recorded() -> None:
    html_check.RECORDED.clear()
    html_check.page_record("about:blank", VALID_PAGE)
    html_check.page_record("http://testserver/", VALID_PAGE)
    html_check.page_record("http://testserver/", VALID_PAGE)
    recorded = list(html_check.RECORDED)
    assert recorded == [html_check.Document("http://testserver/", VALID_PAGE)]
    html_check.RECORDED.clear()
