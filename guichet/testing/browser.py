"""Browser tests: a pytest plugin driving Debian's Chromium through Playwright, with axe-core.

Loaded by the root conftest.py (`pytest_plugins = ["guichet.testing.browser"]`). Tests are
marked `@pytest.mark.browser` and use `page` (or `browser`) with pytest-django's `live_server`:

    @pytest.mark.browser
    def test_home_is_accessible(live_server, page):
        page.goto(live_server.url + "/en/")
        violations = axe_violations(page)
        assert not violations, format_violations(violations)

`axe_violations` checks the page twice: at the width it has (desktop, 1280 px) and at a phone's
width (375 px), where it also reports a page that scrolls sideways (WCAG 1.4.10, Reflow, which
axe-core does not test), then puts the page back as it was. It also keeps the page's HTML,
which the Nu Html Checker validates after the test (guichet.testing.html_check).

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
from playwright.sync_api import (
    Browser,
    BrowserContext,
    ConsoleMessage,
    Page,
    ViewportSize,
    sync_playwright,
)

import guichet
from guichet.testing import html_check

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
# A phone's viewport (CSS pixels), the narrowest width the pages must work at.
PHONE_VIEWPORT: ViewportSize = {"width": 375, "height": 812}
# The elements wider than the viewport, as `selector: html`, for the reflow failure message.
OVERFLOW_SCRIPT = """() => {
  const width = document.documentElement.clientWidth;
  if (document.documentElement.scrollWidth <= width) return [];
  const clipped = (element) => {
    // Approximate: a positioned element escapes a scroll container that is not positioned.
    if (["absolute", "fixed"].includes(getComputedStyle(element).position)) return false;
    for (let up = element.parentElement || element.getRootNode().host; up && up !== document.body;
         up = up.parentElement || (up.getRootNode() && up.getRootNode().host)) {
      if (getComputedStyle(up).overflowX !== "visible") return true;
    }
    return false;
  };
  const all = (root) => [...root.querySelectorAll("*")].flatMap(
    (element) => element.shadowRoot ? [element, ...all(element.shadowRoot)] : [element]);
  const culprits = [];
  for (const element of all(document.body)) {
    const box = element.getBoundingClientRect();
    if (box.right <= width + 1 || box.width === 0 || clipped(element)) continue;
    const parent = element.parentElement || element.getRootNode().host;
    if (parent && parent !== document.body && parent.getBoundingClientRect().right > width + 1) {
      continue;  // its parent is reported already
    }
    const name = element.tagName.toLowerCase() + (element.id ? "#" + element.id : "")
      + (typeof element.className === "string" && element.className.trim()
         ? "." + element.className.trim().split(/\\s+/).join(".") : "");
    culprits.push({target: [name + " (" + Math.round(box.width) + " px wide)"],
                   html: element.outerHTML.slice(0, 120)});
  }
  return culprits.length ? culprits : [{target: ["(unknown)"], html: ""}];
}"""


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


HTML_CHECK_SKIPPED: list[str] = []


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Iterator[None]:
    """After a browser test's body, validate the pages it checked with axe (html_check)."""
    if item.get_closest_marker("browser") is None:
        return (yield)
    html_check.RECORDED.clear()
    result = yield
    documents = list(html_check.RECORDED)
    html_check.RECORDED.clear()
    if not documents:
        return result
    missing = html_check.checker_missing()
    if missing is not None:
        if os.environ.get("CI") == "true":
            pytest.fail(f"{missing}: the HTML check cannot run, and CI=true forbids skipping it.")
        HTML_CHECK_SKIPPED.append(missing)
        return result
    errors = html_check.html_errors(documents)
    if errors:
        pytest.fail("Invalid HTML (Nu Html Checker):\n" + "\n".join(errors), pytrace=False)
    return result


def pytest_terminal_summary(terminalreporter: Any) -> None:
    """Say plainly, at the end of the run, that the browser tests or the HTML check did not
    run, and why."""
    if HTML_CHECK_SKIPPED:
        terminalreporter.write_line(
            f"The HTML check was SKIPPED in {len(HTML_CHECK_SKIPPED)} browser tests: "
            f"{HTML_CHECK_SKIPPED[0]}.",
            yellow=True,
            bold=True,
        )
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
    """Run axe-core on the page as it is now, at its width and at a phone's; return the
    violations of the given impacts, each with the `viewport` width it was found at.

    At the phone's width a page that scrolls sideways is reported too, as a serious `reflow`
    violation. The page gets its viewport back afterwards. `options` goes to `axe.run` as is
    (for instance `{"runOnly": ["wcag2a", "wcag2aa"]}`).
    """
    if not AXE_SCRIPT.is_file():
        raise FileNotFoundError(f"{AXE_SCRIPT} is missing: run `make node` (npm ci) first.")
    wanted = set(impacts)
    html_check.page_record(page.url, page.content())
    viewport = page.viewport_size
    found = axe_run(page, options)
    if viewport is None or viewport["width"] != PHONE_VIEWPORT["width"]:
        page.set_viewport_size(PHONE_VIEWPORT)
        try:
            found += axe_run(page, options)
        finally:
            if viewport is not None:
                page.set_viewport_size(viewport)
    return [violation for violation in found if violation.get("impact") in wanted]


def axe_run(page: Page, options: dict[str, Any] | None) -> list[dict[str, Any]]:
    """axe-core's violations at the page's present width (plus `reflow` at a phone's)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        # Evaluated through the DevTools protocol, which the Content-Security-Policy does not
        # govern: an added <script> tag would be an inline script the policy blocks.
        page.evaluate(AXE_SCRIPT.read_text(encoding="utf-8"))
    width = page.evaluate("() => window.innerWidth")
    violations: list[dict[str, Any]] = page.evaluate(
        "async (options) => (await window.axe.run(document, options)).violations",
        options or {},
    )
    if width <= PHONE_VIEWPORT["width"]:
        culprits = page.evaluate(OVERFLOW_SCRIPT)
        if culprits:
            violations.append(
                {
                    "id": "reflow",
                    "impact": "serious",
                    "help": "The page must not scroll sideways at a phone's width",
                    "helpUrl": "https://www.w3.org/WAI/WCAG22/Understanding/reflow.html",
                    "nodes": culprits,
                }
            )
    for violation in violations:
        violation["viewport"] = width
    return violations


def format_violations(violations: list[dict[str, Any]]) -> str:
    """A readable assertion message: rule, impact, help and the offending elements."""
    lines = []
    for violation in violations:
        lines.append(
            f"{violation['id']} ({violation.get('impact')}, {violation.get('viewport')} px): "
            f"{violation.get('help', '')}"
            f" — {violation.get('helpUrl', '')}"
        )
        for node in violation.get("nodes", [])[:5]:
            lines.append(f"    {node.get('target')}: {node.get('html', '')[:120]}")
    return "\n".join(lines)
