"""Compile every app's .po catalogues to .mo with polib, so GNU gettext is not needed."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from guichet.core.management.translations import (
    PACKAGE_DIR,
    catalogues,
    compile_catalogue,
    display_path,
)


class Command(BaseCommand):
    # Reads and writes files only: the system checks would add noise, not safety.
    requires_system_checks: list[str] = []
    help = (
        "Compile guichet/*/locale/*/LC_MESSAGES/*.po to .mo (pure Python, unlike "
        "compilemessages). Fuzzy entries are left out, as msgfmt does."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--locale-root",
            type=Path,
            default=PACKAGE_DIR,
            help="Directory whose */locale directories are compiled (default: guichet package).",
        )

    def handle(self, *args: Any, locale_root: Path, **options: Any) -> None:
        if not locale_root.is_dir():
            raise CommandError(f"--locale-root {locale_root} is not a directory.")
        files = list(catalogues(locale_root))
        changed = 0
        for path in files:
            try:
                changed += compile_catalogue(path)
            except (OSError, ValueError) as error:
                raise CommandError(f"{display_path(path)}: cannot be compiled ({error})") from error
            if options["verbosity"] >= 2:
                self.stdout.write(f"compiled {display_path(path)}")
        self.stdout.write(
            f"Compiled {len(files)} catalogue(s) under {display_path(locale_root)} "
            f"({changed} changed)."
        )
