"""The browser plugin works: Chromium starts, axe-core runs and finds what it should."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Page

from guichet.testing import browser as plugin
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
