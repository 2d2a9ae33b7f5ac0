import csv

import pytest
from django.core.management import CommandError, call_command

from guichet.identity_link import synthetic
from guichet.identity_link.features import COLUMNS
from guichet.identity_link.model import STORED, LinkageModel

pytestmark = pytest.mark.filterwarnings("ignore")


def write(path, rows):
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows(rows)
    return path


def read(path):
    with path.open(encoding="utf-8") as handle:
        return list(csv.DictReader(handle))


def quality(pairs, truth, threshold):
    found = {
        (p["left_id"], p["right_id"]) for p in pairs if float(p["match_probability"]) >= threshold
    }
    true = len(found & truth)
    precision, recall = true / len(found), true / len(truth)
    return 2 * precision * recall / (precision + recall)


def test_link_with_the_stored_model(tmp_path):
    left, right, truth = synthetic.pairs(2000, seed=99)
    out = tmp_path / "pairs.csv"
    call_command(
        "identity_link_files",
        write(tmp_path / "left.csv", left),
        write(tmp_path / "right.csv", right),
        out=out,
        model=STORED,
    )
    pairs = read(out)
    assert list(pairs[0]) == ["left_id", "right_id", "match_probability"]
    probabilities = [float(p["match_probability"]) for p in pairs]
    assert min(probabilities) >= 0.80
    assert probabilities == sorted(probabilities, reverse=True)
    assert quality(pairs, truth, 0.80) >= 0.98


def test_train_on_the_files_and_save_the_model(tmp_path):
    left, right, truth = synthetic.pairs(3000, seed=5)
    out, saved = tmp_path / "pairs.csv", tmp_path / "model.json"
    call_command(
        "identity_link_files",
        write(tmp_path / "left.csv", left),
        write(tmp_path / "right.csv", right),
        out=out,
        save_model=saved,
    )
    assert quality(read(out), truth, 0.80) >= 0.98
    model = LinkageModel.load(saved)
    assert model.version.startswith("trained-")
    assert 0 < model.splink_settings["probability_two_random_records_match"] < 0.01


def test_bad_files_link_nothing(tmp_path):
    good = write(tmp_path / "left.csv", synthetic.pairs(10)[0])
    bad = tmp_path / "right.csv"
    bad.write_text(",".join(COLUMNS) + "\nr1,Roy,Luc,1990-02-30,M,,\n", encoding="utf-8")
    out = tmp_path / "pairs.csv"
    with pytest.raises(CommandError) as error:
        call_command("identity_link_files", good, bad, out=out)
    assert "right.csv, row 2, date_of_birth" in str(error.value)
    assert not out.exists()
    with pytest.raises(CommandError) as error:
        call_command("identity_link_files", good, bad, out=out, language="fr")
    assert "right.csv, ligne 2, date_of_birth\u00a0:" in str(error.value)
    assert str(error.value).startswith("Aucune liaison n'a été faite")
    with pytest.raises(CommandError, match="no such file"):
        call_command("identity_link_files", good, tmp_path / "none.csv", out=out)
