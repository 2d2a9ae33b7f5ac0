"""Reading a file of people to link: `record_id,family_name,given_names,date_of_birth,sex,
birth_place,postal_code`, UTF-8, dates `YYYY-MM-DD`, blanks allowed (but not in record_id).

Every problem is reported with the file, the row and the field, and the file is refused
whole: nothing is linked from a file with a bad row.
"""

from __future__ import annotations

import csv
import datetime as dt
from dataclasses import dataclass
from pathlib import Path

from django.utils.translation import gettext as _

from guichet.identity_link.features import COLUMNS

MAX_PROBLEMS = 50


@dataclass(frozen=True)
class Problem:
    file: str
    row: int  # 1 is the header row
    field: str
    message: str

    def __str__(self) -> str:
        return _("%(file)s, row %(row)s, %(field)s: %(message)s") % {
            "file": self.file,
            "row": self.row,
            "field": self.field,
            "message": self.message,
        }


class FileRefused(Exception):
    def __init__(self, problems: list[Problem]) -> None:
        super().__init__("\n".join(str(problem) for problem in problems))
        self.problems = problems


def _date_problem(value: str) -> str | None:
    if not value:
        return None
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        return _("“%(value)s” is not a date written YYYY-MM-DD.") % {"value": value}
    if len(value) != 10:
        return _("“%(value)s” is not a date written YYYY-MM-DD.") % {"value": value}
    return None


def people_read(path: Path) -> list[dict[str, str]]:
    """The records of the file, or FileRefused listing every problem (up to 50)."""
    name = path.name
    try:
        text = path.read_text(encoding="utf-8-sig")
    except UnicodeDecodeError as error:
        line = path.read_bytes()[: error.start].count(b"\n") + 1
        raise FileRefused([Problem(name, line, "-", _("The file is not UTF-8 text."))]) from None
    reader = csv.DictReader(text.splitlines())
    header = reader.fieldnames or []
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise FileRefused(
            [
                Problem(name, 1, column, _("This column is missing from the header."))
                for column in missing
            ]
        )
    problems: list[Problem] = []
    records: list[dict[str, str]] = []
    seen: dict[str, int] = {}
    for number, row in enumerate(reader, start=2):
        if None in row or any(row.get(column) is None for column in COLUMNS):
            problems.append(
                Problem(name, number, "-", _("This row does not have as many cells as the header."))
            )
            continue
        record = {column: (row[column] or "").strip() for column in COLUMNS}
        record_id = record["record_id"]
        if not record_id:
            problems.append(Problem(name, number, "record_id", _("A record needs an identifier.")))
        elif record_id in seen:
            problems.append(
                Problem(
                    name,
                    number,
                    "record_id",
                    _("This identifier is already used on row %(row)s.") % {"row": seen[record_id]},
                )
            )
        else:
            seen[record_id] = number
        date_problem = _date_problem(record["date_of_birth"])
        if date_problem:
            problems.append(Problem(name, number, "date_of_birth", date_problem))
        if record["sex"] and record["sex"].upper() not in ("F", "M", "X"):
            problems.append(Problem(name, number, "sex", _("Sex is F, M, X or blank.")))
        if len(problems) >= MAX_PROBLEMS:
            break
        records.append(record)
    if problems:
        raise FileRefused(problems)
    return records
