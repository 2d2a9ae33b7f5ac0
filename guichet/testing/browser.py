"""Browser tests: a pytest plugin driving Debian's Chromium through Playwright, with axe-core.

Loaded by the root conftest.py (`pytest_plugins = ["guichet.testing.browser"]`). Tests are
marked `@pytest.mark.browser` and use `page` (or `browser`) with pytest-django's `live_server`:

    @pytest.mark.browser
    def test_home_is_accessible(live_server, page):
        page.goto(live_server.url + "/en/")
        violations = axe_violations(page)
        assert not violations, format_violations(violations)

Playwright drives the machine's Chromium (never a downloaded one). Without it the browser
tests are skipped with a plain reason, except in CI (CI=true), where they fail, so that a
missing browser cannot pass for a green run.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, sync_playwright

import guichet

# Playwright's sync API runs an event loop in the test thread, which Django's async-safety
# check mistakes for async code calling the ORM. The tests are synchronous: allow it.
os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"

CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
AXE_SCRIPT = Path(guichet.__file__).resolve().parents[1] / "node_modules/axe-core/axe.min.js"
LOCALE = "en-CA"


def require_chromium() -> Path:
    """Return Chromium's path; skip the test without it, or fail when running in CI."""
    if CHROMIUM.is_file() and os.access(CHROMIUM, os.X_OK):
        return CHROMIUM
    if os.environ.get("CI") == "true":
        pytest.fail(
            f"Chromium not found at {CHROMIUM}: browser tests cannot run, and CI=true forbids "
            "skipping them (install the chromium package)."
        )
    pytest.skip(f"Chromium not found at {CHROMIUM}: browser tests skipped")


@pytest.hookimpl(tryfirst=True)
def pytest_runtest_setup(item: pytest.Item) -> None:
    # Before any fixture (live_server, the database) is set up for nothing.
    if item.get_closest_marker("browser") is not None:
        require_chromium()


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say plainly, at the end of the run, that the browser tests did not run and why."""
    skipped = [
        report
        for report in terminalreporter.stats.get("skipped", [])
        if "browser" in getattr(report, "keywords", {})
    ]
    if skipped:
        terminalreporter.write_line(
            f"{len(skipped)} browser tests were SKIPPED: Chromium not found at {CHROMIUM} "
            "(install Debian's chromium package, or set CHROMIUM_PATH, to run them).",
            yellow=True,
            bold=True,
        )


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """One headless Chromium for the whole session."""
    executable = require_chromium()
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(executable), args=CHROMIUM_ARGS)
        try:
            yield chromium
        finally:
            chromium.close()


# Reports every Content-Security-Policy violation on the console, where the test sees it (the
# browser logs most of them itself, but not all: a blocked style attribute in a component).
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  console.error(`Content Security Policy violation: ${event.violatedDirective} blocked `
    + `${event.blockedURI || "inline"} in ${event.sourceFile || event.documentURI}`);
});
"""


def csp_violations_watch(context: BrowserContext, page: Page) -> list[str]:
    """Collect, in the list returned, every Content-Security-Policy violation of `page`."""
    context.add_init_script(CSP_LISTENER)
    violations: list[str] = []

    def heard(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text:
            violations.append(message.text)

    page.on("console", heard)
    return violations


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh page in a fresh context (no cookies, no storage), in Canadian English.

    The test fails if any page it opened violated the Content-Security-Policy (an inline
    script or style, or a resource from elsewhere, that the policy blocked)."""
    context = browser.new_context(locale=LOCALE)
    new_page = context.new_page()
    violations = csp_violations_watch(context, new_page)
    try:
        yield new_page
    finally:
        context.close()
    if violations:
        pytest.fail(
            "Content-Security-Policy violations:\n" + "\n".join(dict.fromkeys(violations)),
            pytrace=False,
        )


def axe_violations(
    page: Page,
    impacts: Iterable[str] = ("serious", "critical"),
    options: dict[str, Any] | None = None,
) -> list[dict[str, Any]]:
    """Run axe-core on the page as it is now; return its violations of the given impacts.

    `options` goes to `axe.run` as is (for instance `{"runOnly": ["wcag2a", "wcag2aa"]}`).
    """
    if not AXE_SCRIPT.is_file():
        raise FileNotFoundError(f"{AXE_SCRIPT} is missing: run `make node` (npm ci) first.")
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, which the Content-Security-Policy does not
        # govern: an added <script> tag would be an inline script the policy blocks.
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    results = page.evaluate(
        "async (options) => (await window.axe.run(document, options)).violations",
        options or {},
    )
    wanted = set(impacts)
    return [violation for violation in results if violation.get("impact") in wanted]


def format_violations(violations: list[dict[str, Any]]) -> str:
    """A readable assertion message: rule, impact, help and the offending elements."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation.get('impact')}): {violation.get('help', '')}"
            f" — {violation.get('helpUrl', '')}"
        )
        for node in violation.get("nodes", [])[:5]:
            lines.append(f"    {node.get('target')}: {node.get('html', '')[:120]}")
    return "\n".join(lines)
