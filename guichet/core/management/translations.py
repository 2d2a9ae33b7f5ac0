"""Finding, checking and compiling the per-app gettext catalogues (`guichet/<app>/locale/`).

Shared by the `check_translations` and `compile_translations` commands. polib does the work,
so neither needs GNU gettext on the machine.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import polib

import guichet
from guichet.core.management.typography import french_typeset, typography_problems

PACKAGE_DIR = Path(guichet.__file__).resolve().parent
DOMAIN_FILE = "django.po"

# A %-placeholder as Python's `%` operator reads it: %s, %(name)s, %05.2f..., and %% (a literal).
PYTHON_PLACEHOLDER = re.compile(
    r"%(?:\((?P<name>[^)]*)\))?[#0 +-]*(?:\*|\d+)?(?:\.(?:\*|\d+))?(?P<type>[diouxXeEfFgGcrsa%])"
)


@dataclass(frozen=True)
class Problem:
    path: Path
    line: int | None
    reason: str
    msgid: str = ""

    def __str__(self) -> str:
        where = display_path(self.path) + (f":{self.line}" if self.line else "")
        text = f"{where}: {self.reason}"
        if self.msgid:
            text += f": msgid {shorten(self.msgid)!r}"
        return text


def display_path(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def shorten(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def locale_dirs(root: Path) -> list[Path]:
    """Every app's `locale` directory directly under `root` (the guichet package by default)."""
    return sorted(path for path in root.glob("*/locale") if path.is_dir())


def catalogues(root: Path, language: str | None = None) -> Iterator[Path]:
    """Every .po file of every app, for one language or for all of them."""
    for locale_dir in locale_dirs(root):
        pattern = f"{language or '*'}/LC_MESSAGES/*.po"
        yield from sorted(locale_dir.glob(pattern))


def placeholders(text: str) -> tuple[Counter[str], int]:
    """The named placeholders (with their counts) and the number of positional ones."""
    named: Counter[str] = Counter()
    positional = 0
    for match in PYTHON_PLACEHOLDER.finditer(text):
        if match["type"] == "%":
            continue
        if match["name"] is not None:
            named[match["name"]] += 1
        else:
            positional += 1
    return named, positional


def placeholder_problem(entry: polib.POEntry) -> str | None:
    """Why the translation would break `%` formatting, or None when it would not."""
    if "python-format" not in entry.flags:
        return None
    if entry.msgid_plural:
        # A plural form may drop the count ("un dossier"), but never invent a placeholder.
        allowed = set(placeholders(entry.msgid)[0]) | set(placeholders(entry.msgid_plural)[0])
        for form in entry.msgstr_plural.values():
            unknown = set(placeholders(form)[0]) - allowed
            if unknown:
                return f"placeholder not in the source: {', '.join(sorted(unknown))}"
        return None
    source_named, source_positional = placeholders(entry.msgid)
    named, positional = placeholders(entry.msgstr)
    if set(named) != set(source_named) or positional != source_positional:
        return "placeholders differ from the source"
    return None


def _forms(entry: polib.POEntry) -> list[str]:
    return list(entry.msgstr_plural.values()) if entry.msgid_plural else [entry.msgstr]


def is_french(path: Path) -> bool:
    return path.parent.parent.name == "fr"


def check_catalogue(path: Path) -> tuple[int, list[Problem]]:
    """The number of active entries, and the untranslated, fuzzy or obsolete ones, those
    whose placeholders differ from the source and, in French, those that break its
    typography (guichet.core.management.typography)."""
    try:
        po = polib.pofile(str(path))
    except (OSError, ValueError) as error:
        return 0, [Problem(path, None, f"cannot be read ({error})")]
    # A "fuzzy" header is what makemessages writes; msgfmt and polib use it all the same.
    problems: list[Problem] = []
    for entry in po:
        if entry.obsolete:
            reason = "obsolete (run makemessages --no-obsolete, or delete it)"
        elif entry.fuzzy:
            reason = "fuzzy (check the translation, then delete the fuzzy flag)"
        elif not entry.translated():
            reason = "untranslated"
        else:
            reason = placeholder_problem(entry) or ""
        if reason:
            problems.append(Problem(path, entry.linenum, reason, entry.msgid))
        elif is_french(path):
            for form in _forms(entry):
                problems.extend(
                    Problem(path, entry.linenum, found, entry.msgid)
                    for found in typography_problems(form)
                )
    return sum(1 for entry in po if not entry.obsolete), problems


def typeset_catalogue(path: Path) -> int:
    """Apply the French spacing and apostrophe rules to every translation in the catalogue;
    return how many entries changed (the file is rewritten only if one did)."""
    po = polib.pofile(str(path))
    changed = 0
    for entry in po:
        if entry.msgid_plural:
            fixed = {n: french_typeset(form) for n, form in entry.msgstr_plural.items()}
            if fixed != entry.msgstr_plural:
                entry.msgstr_plural = fixed
                changed += 1
        elif (fixed_text := french_typeset(entry.msgstr)) != entry.msgstr:
            entry.msgstr = fixed_text
            changed += 1
    if changed:
        po.save(str(path))
    return changed


def missing_catalogues(root: Path, language: str) -> list[Problem]:
    """Each app that has a locale directory must have a catalogue for `language`."""
    return [
        Problem(
            locale_dir / language / "LC_MESSAGES" / DOMAIN_FILE,
            None,
            f"missing (run makemessages -l {language})",
        )
        for locale_dir in locale_dirs(root)
        if not (locale_dir / language / "LC_MESSAGES" / DOMAIN_FILE).is_file()
    ]


def compile_catalogue(path: Path) -> bool:
    """Write the .mo next to the .po; return whether it changed. Fuzzy entries are left out."""
    po = polib.pofile(str(path))
    mo_path = path.with_suffix(".mo")
    # polib writes straight to the path, so compile to a neighbour and compare.
    scratch = mo_path.with_name(mo_path.name + ".tmp")
    po.save_as_mofile(str(scratch))
    if mo_path.is_file() and mo_path.read_bytes() == scratch.read_bytes():
        scratch.unlink()
        return False
    scratch.replace(mo_path)
    return True
