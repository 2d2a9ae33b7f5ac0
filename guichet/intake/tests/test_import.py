"""manage.py mailroom_import: valid rows committed, bad rows named by line and field."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command

from guichet.cases.models import Case
from guichet.intake.models import PaperReceipt
from guichet.notifications.models import Notification

pytestmark = pytest.mark.django_db

HEADER = (
    "package_barcode,service_code,received_at,family_name,given_names,date_of_birth,sex,"
    "preferred_language,phone,email,uci"
)
ROWS = [
    "CSV-001,spouse-in-canada,2026-01-15,Nguyen,Thi Lan,1990-05-02,F,en,613-555-0101,,",
    "CSV-002,parents-grandparents,,Okafor,Chidi,1958-11-30,M,en,,chidi@example.ca,",
    "CSV-003,spouse-in-canada,,Roy,Luc,2999-01-01,M,fr,,,",  # future date of birth
    "CSV-004,spouse-in-canada,,Roy,Luc,1970-01-01,M,fr,12,,",  # bad phone
    "CSV-005,no-such-service,,Roy,Luc,1970-01-01,M,fr,,,",  # unknown service
    "CSV-006,spouse-in-canada,,Roy",  # short row: missing cells
    "CSV-007,citizenship-grant,,Côté,Émile,2001-07-09,X,fr,,emile@example.ca,",
]


def _run(path: Path) -> tuple[str, str, CommandError | None]:
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command("mailroom_import", str(path), "--no-progress", stdout=out, stderr=err)
    except CommandError as error:
        return out.getvalue(), err.getvalue(), error
    return out.getvalue(), err.getvalue(), None


def test_valid_rows_are_committed_and_bad_rows_reported_with_line_and_field(tmp_path):
    path = tmp_path / "batch.csv"
    path.write_text("\n".join([HEADER, *ROWS]) + "\n", encoding="utf-8")

    _out, err, error = _run(path)

    assert error is not None and error.returncode == 1  # non-zero exit
    assert "3 registered, 0 already registered, 4 failed" in str(error)
    assert set(PaperReceipt.objects.values_list("package_barcode", flat=True)) == {
        "CSV-001",
        "CSV-002",
        "CSV-007",
    }
    assert Case.objects.filter(channel="paper").count() == 3
    assert Notification.objects.count() == 3  # one SMS, two e-mails
    assert "line 4: applicant.date_of_birth: A date of birth cannot be in the future." in err
    assert "line 5: applicant.phone:" in err
    assert "line 6: service_code:" in err
    assert "line 7: given_names: This column is missing from the row." in err
    # Each message in both languages.
    assert "avenir" in err


def test_running_the_same_batch_again_registers_nothing_new(tmp_path):
    path = tmp_path / "batch.csv"
    path.write_text("\n".join([HEADER, ROWS[0], ROWS[1]]) + "\n", encoding="utf-8")
    out, _err, error = _run(path)
    assert error is None and "2 registered" in out

    out, _err, error = _run(path)

    assert error is None and "0 registered, 2 already registered, 0 failed" in out
    assert Case.objects.count() == 2 and Notification.objects.count() == 2


def test_a_header_without_a_required_column_stops_before_any_row(tmp_path):
    path = tmp_path / "batch.csv"
    path.write_text("package_barcode,service_code\nX-1,spouse-in-canada\n", encoding="utf-8")
    _out, _err, error = _run(path)
    assert error is not None and "family_name" in str(error)
    assert Case.objects.count() == 0


def test_a_missing_file_is_a_clear_error(tmp_path):
    _out, _err, error = _run(tmp_path / "absent.csv")
    assert error is not None and "cannot be read" in str(error)
