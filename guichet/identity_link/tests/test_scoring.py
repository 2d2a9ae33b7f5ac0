"""The in-process scorer must agree with Splink: same level for every comparison, and close
probabilities (Splink adds term-frequency adjustments, the scorer does not)."""

import pytest

from guichet.identity_link import linkage, synthetic
from guichet.identity_link.comparisons import COMPARISONS
from guichet.identity_link.features import features_of
from guichet.identity_link.model import LinkageModel
from guichet.identity_link.scoring import pair_score

pytestmark = pytest.mark.filterwarnings("ignore")


def _features(record):
    return features_of(**{key: value for key, value in record.items() if key != "record_id"})


def test_python_levels_are_splinks_levels():
    model = LinkageModel.load()
    left, right, _truth = synthetic.pairs(600, seed=3)
    settings = dict(
        model.splink_settings,
        retain_matching_columns=True,
        retain_intermediate_calculation_columns=True,
    )
    stored = LinkageModel(version="test", splink_settings=settings)
    prepared = linkage.prepare(left), linkage.prepare(right)
    linker = linkage._linker(*prepared, stored.splink_settings)
    scored = linker.inference.predict(threshold_match_probability=0.0).as_pandas_dataframe()
    assert len(scored) > 500
    records = {record["record_id"]: _features(record) for record in left + right}
    for row in scored.itertuples():
        a, b = records[row.unique_id_l], records[row.unique_id_r]
        for comparison in COMPARISONS:
            index = comparison.level_of(a, b)
            expected = -1 if index == 0 else len(comparison.levels) - 1 - index
            assert getattr(row, f"gamma_{comparison.name}") == expected, (comparison.name, a, b)


def test_scores_of_a_namesake_and_of_the_same_person():
    same = pair_score(
        features_of(family_name="Côté", given_names="Jean", date_of_birth="1970-05-04",
                    sex="M", birth_place="Québec", postal_code="G1R 4P5"),
        features_of(family_name="COTE", given_names="John", date_of_birth="1970-04-05",
                    sex="M", birth_place="Quebec", postal_code="G1R4P5"),
    )  # fmt: skip
    namesake = pair_score(
        features_of(family_name="Côté", given_names="Jean", date_of_birth="1970-05-04",
                    sex="M", birth_place="Québec"),
        features_of(family_name="Côté", given_names="Jean", date_of_birth="1970-05-04",
                    sex="M", birth_place="Port-au-Prince"),
    )  # fmt: skip
    assert same.match_probability > 0.99
    assert namesake.match_probability < same.match_probability
    assert {e.comparison: e.level for e in namesake.evidence}["birth_place"] == "all other"
    assert {e.comparison: e.weight for e in namesake.evidence}["birth_place"] < 0


def test_stored_model_is_versioned_and_checked(tmp_path):
    model = LinkageModel.load()
    assert model.version == "1"
    assert model.review_threshold < model.link_threshold
    broken = tmp_path / "model.json"
    broken.write_text(model.to_json().replace('"given_first exact"', '"renamed"'))
    with pytest.raises(ValueError):
        LinkageModel.load(broken)
