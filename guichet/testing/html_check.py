"""The Nu Html Checker (vnu.jar, from the `vnu-jar` npm package) over the pages the browser
tests check.

`axe_violations` hands each page it checks (one served by the live server) to `page_record`;
after the test body, the browser plugin validates the pages recorded during that test in one
run of the checker (Java starts once per test, not once per page) and fails the test on any
error. What is checked is the page's markup as the browser holds it when axe runs. Without Java
or the jar the check is skipped, with a line at the end of the run, except when CI=true, where
the test fails.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import guichet

VNU_JAR = Path(guichet.__file__).resolve().parents[1] / "node_modules/vnu-jar/build/dist/vnu.jar"
JAVA = os.environ.get("JAVA", "java")
# What the browser adds to the DOM after the server's markup, and which is not Guichet's HTML.
IGNORED = (
    # axe-core's own script tag, added to run it.
    "axe.min.js",
)


@dataclass(frozen=True)
class Document:
    url: str
    html: str


RECORDED: list[Document] = []


def page_record(url: str, html: str) -> None:
    """Keep a page's HTML for the check after the test (the same markup is kept once)."""
    if url.startswith(("http://", "https://")) and Document(url, html) not in RECORDED:
        RECORDED.append(Document(url, html))


def checker_missing() -> str | None:
    """Why the checker cannot run here, or None."""
    if shutil.which(JAVA) is None:
        return f"Java ({JAVA}) not found"
    if not VNU_JAR.is_file():
        return f"{VNU_JAR} is missing (run `make node`)"
    return None


def html_errors(documents: list[Document]) -> list[str]:
    """Validate the documents in one run of the checker; one line per error, with its page."""
    if not documents:
        return []
    with tempfile.TemporaryDirectory(prefix="guichet-vnu-") as folder:
        paths = {}
        for number, document in enumerate(documents):
            path = Path(folder) / f"page-{number}.html"
            path.write_text(document.html, encoding="utf-8")
            paths[path.name] = document.url
        result = subprocess.run(  # noqa: S603 (the jar and the files are ours)
            [
                JAVA,
                "-jar",
                str(VNU_JAR),
                "--format",
                "json",
                "--stdout",
                "--errors-only",
                "--exit-zero-always",
                *sorted(str(Path(folder) / name) for name in os.listdir(folder)),
            ],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    if not result.stdout.strip():
        return [f"the HTML checker gave no answer: {result.stderr.strip()[:500]}"]
    lines = []
    for message in json.loads(result.stdout).get("messages", []):
        if message.get("type") != "error":
            continue
        extract = message.get("extract", "")
        if any(ignored in extract for ignored in IGNORED):
            continue
        # The checker names a file "file:/tmp/…/page-0.html": back to the page's address.
        where = message.get("url", "")
        url = paths.get(where.rsplit("/", 1)[-1], where)
        lines.append(
            f"{url} line {message.get('lastLine', '?')}: {message.get('message', '')}"
            f"\n    {extract.strip()[:160]}"
        )
    return lines
