"""Fail when a French catalogue is missing, or has an untranslated, fuzzy or obsolete entry."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guichet.core.management.translations import (
    PACKAGE_DIR,
    catalogues,
    check_catalogue,
    display_path,
    is_french,
    missing_catalogues,
    typeset_catalogue,
)


class Command(BaseCommand):
    # Reads and writes files only: the system checks would add noise, not safety.
    requires_system_checks: list[str] = []
    help = (
        "Check that every app's catalogue for one language (fr by default) is complete: every "
        "entry translated, none fuzzy or obsolete, placeholders kept. Fails listing each "
        "problem as file:line."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--locale-root",
            type=Path,
            default=PACKAGE_DIR,
            help="Directory whose */locale directories are checked (default: the guichet package).",
        )
        parser.add_argument("--language", default="fr", help="Language to check (default: fr).")
        parser.add_argument(
            "--fix-typography",
            action="store_true",
            help="First apply the French spacing and apostrophe rules to every translation.",
        )

    def handle(
        self,
        *args: Any,
        locale_root: Path,
        language: str,
        fix_typography: bool = False,
        **options: Any,
    ) -> None:
        if not locale_root.is_dir():
            raise CommandError(f"--locale-root {locale_root} is not a directory.")
        if fix_typography:
            for path in catalogues(locale_root, language):
                if is_french(path) and (changed := typeset_catalogue(path)):
                    self.stdout.write(f"{display_path(path)}: {changed} entries typeset")
        problems = missing_catalogues(locale_root, language)
        files = list(catalogues(locale_root, language))
        entries = 0
        for path in files:
            count, found = check_catalogue(path)
            entries += count
            problems.extend(found)
        if problems:
            listing = "\n".join(f"  {problem}" for problem in problems)
            raise CommandError(
                f"{len(problems)} translation problem(s) for {language!r}:\n{listing}"
            )
        self.stdout.write(
            f"Translations complete: {len(files)} {language!r} catalogue(s) under "
            f"{display_path(locale_root)}, {entries} entries, none untranslated, fuzzy or obsolete."
        )
