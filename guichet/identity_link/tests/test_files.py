import pytest
from django.utils import translation

from guichet.identity_link.files import FileRefused, people_read

HEADER = "record_id,family_name,given_names,date_of_birth,sex,birth_place,postal_code\n"


def write(tmp_path, text, *, name="left.csv", encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_a_good_file_with_blanks(tmp_path):
    path = write(tmp_path, HEADER + "a1,Gagné,Éloïse,1990-02-03,F,Lévis,G6V 1A1\na2,Roy,,,,,\n")
    records = people_read(path)
    assert [r["record_id"] for r in records] == ["a1", "a2"]
    assert records[0]["family_name"] == "Gagné"
    assert records[1]["date_of_birth"] == ""


def test_every_bad_row_is_reported_with_file_row_and_field(tmp_path):
    path = write(
        tmp_path,
        HEADER
        + "a1,Roy,Luc,1990-02-30,M,,\n"  # impossible date
        + "a1,Roy,Luc,1990-02-03,Q,,\n"  # same id, sex not F/M/X
        + ",Roy,Luc,03/02/1990,M,,\n"  # no id, date in another format
        + "a4,Roy\n",  # short row
    )
    with pytest.raises(FileRefused) as refused:
        people_read(path)
    found = [(p.file, p.row, p.field) for p in refused.value.problems]
    assert found == [
        ("left.csv", 2, "date_of_birth"),
        ("left.csv", 3, "record_id"),
        ("left.csv", 3, "sex"),
        ("left.csv", 4, "record_id"),
        ("left.csv", 4, "date_of_birth"),
        ("left.csv", 5, "-"),
    ]
    assert "left.csv, row 2, date_of_birth:" in str(refused.value)
    assert "already used on row 2" in str(refused.value)


def test_missing_columns_and_wrong_encoding(tmp_path):
    with pytest.raises(FileRefused) as refused:
        people_read(write(tmp_path, "record_id,family_name\n1,Roy\n"))
    assert {p.field for p in refused.value.problems} == {
        "given_names", "date_of_birth", "sex", "birth_place", "postal_code",
    }  # fmt: skip
    latin1 = write(tmp_path, HEADER + "a1,Gagné,Luc,,,,\n", name="l1.csv", encoding="latin-1")
    with pytest.raises(FileRefused) as refused:
        people_read(latin1)
    assert (refused.value.problems[0].row, "UTF-8") == (2, "UTF-8")
    assert "UTF-8" in refused.value.problems[0].message


def test_problems_in_french(tmp_path):
    path = write(tmp_path, HEADER + "a1,Roy,Luc,1990-13-01,M,,\n")
    with translation.override("fr"), pytest.raises(FileRefused) as refused:
        people_read(path)
    message = str(refused.value)
    assert message.startswith("left.csv, ligne 2, date_of_birth\u00a0:")
    assert "AAAA-MM-JJ" in message
