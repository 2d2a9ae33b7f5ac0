"""Register a day's batch of paper packages from a scanning station's CSV file.

Columns (header row required, in any order; UTF-8, comma-separated):

    package_barcode, service_code, received_at, family_name, given_names, date_of_birth,
    sex, preferred_language, phone, email, uci

phone, email, uci and received_at may be left empty (received_at: 2026-03-21 or an ISO 8601
date-time; empty means now). Each valid row is committed in its own transaction, so one bad
row stops nothing; a row whose package was already registered with the same details counts as
already registered. The command ends with a summary and exits non-zero if any row failed.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path
from typing import Any

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils.translation import gettext_lazy as _
from tqdm import tqdm

from guichet.core.errors import GuichetError, InvalidInput
from guichet.intake.models import ReceiptSource
from guichet.intake.services import paper_receipt_register
from guichet.intake.validation import APPLICANT_FIELDS, paper_receipt_parse

RECEIPT_COLUMNS = ("package_barcode", "service_code", "received_at")
COLUMNS = (*RECEIPT_COLUMNS, *APPLICANT_FIELDS)
REQUIRED_COLUMNS = (
    "package_barcode",
    "service_code",
    "family_name",
    "given_names",
    "date_of_birth",
    "sex",
    "preferred_language",
)


def row_to_body(row: dict[str | Any, str | Any]) -> dict[str, Any]:
    """A CSV row in the shape of the API body (a short row leaves None in its missing cells)."""
    body: dict[str, Any] = {key: row.get(key) for key in RECEIPT_COLUMNS}
    body["applicant"] = {key: row.get(key) for key in APPLICANT_FIELDS}
    return body


def missing_cells(row: dict[str | Any, str | Any]) -> list[str]:
    return [column for column in REQUIRED_COLUMNS if row.get(column) is None]


class Command(BaseCommand):
    help = "Register paper packages from a CSV file (one package a row). " + (
        "Columns: " + ", ".join(COLUMNS) + "."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", type=Path, help="The CSV file, with a header row.")
        parser.add_argument(
            "--username",
            default="",
            help="The mailroom clerk who scanned the batch (recorded in the audit trail).",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="Do not draw the progress bar."
        )

    def handle(self, *args: Any, file: Path, username: str, no_progress: bool, **opts: Any) -> None:
        actor = None
        if username:
            User = get_user_model()
            actor = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
            if actor is None:
                raise CommandError(f"No staff member with the username {username!r}.")
        try:
            handle = file.open(encoding="utf-8-sig", newline="")
        except OSError as error:
            raise CommandError(f"{file}: cannot be read ({error.strerror}).") from None
        with handle:
            total = max(sum(1 for _line in handle) - 1, 0)
            handle.seek(0)
            reader = csv.DictReader(handle)
            header = reader.fieldnames or []
            absent = [column for column in REQUIRED_COLUMNS if column not in header]
            if absent:
                header_error = InvalidInput(
                    _("The header row lacks the column(s) %(columns)s."),
                    field="header",
                    columns=", ".join(absent),
                )
                raise CommandError(f"{file}: {header_error.text('en')} / {header_error.text('fr')}")
            created = repeated = 0
            failures: list[str] = []
            progress = tqdm(reader, total=total, unit="row", disable=no_progress, file=sys.stderr)
            for row in progress:
                line = reader.line_num
                try:
                    short = missing_cells(row)
                    if short:
                        raise InvalidInput(
                            _("This column is missing from the row."), field=short[0]
                        )
                    outcome = paper_receipt_register(
                        data=paper_receipt_parse(row_to_body(row)),
                        actor=actor,
                        source=ReceiptSource.IMPORT,
                    )
                except GuichetError as error:
                    field = error.field or "row"
                    failures.append(
                        f"line {line}: {field}: {error.text('en')} / {error.text('fr')}"
                    )
                    continue
                if outcome.created:
                    created += 1
                else:
                    repeated += 1
            progress.close()
        for failure in failures:
            self.stderr.write(failure)
        summary = (
            f"{created} registered, {repeated} already registered, {len(failures)} failed "
            f"/ {created} enregistrés, {repeated} déjà enregistrés, {len(failures)} en erreur"
        )
        if failures:
            raise CommandError(summary)
        self.stdout.write(summary)
