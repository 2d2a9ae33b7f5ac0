"""The stored linkage model: Splink's settings with trained m and u, a version and the
thresholds (ADR 0024). One JSON document, read by both engines."""

from __future__ import annotations

import json
import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from guichet.identity_link.comparisons import COMPARISONS

FORMAT = "guichet.identity_link.model"
STORED = Path(__file__).resolve().parent / "data" / "model.json"
# At or above LINK: linked without a person; between REVIEW and LINK: a reviewer decides;
# below REVIEW: not the same person. A wrong link costs more than a review (a death or
# another person's contact details on a client), hence the high bar.
LINK_THRESHOLD = 0.99
REVIEW_THRESHOLD = 0.80


@dataclass(frozen=True)
class LinkageModel:
    version: str
    splink_settings: dict[str, Any]
    link_threshold: float = LINK_THRESHOLD
    review_threshold: float = REVIEW_THRESHOLD
    trained_on: str = ""
    metadata: dict[str, Any] = field(default_factory=dict)

    def to_json(self) -> str:
        return json.dumps(
            {
                "format": FORMAT,
                "version": self.version,
                "trained_on": self.trained_on,
                "link_threshold": self.link_threshold,
                "review_threshold": self.review_threshold,
                "metadata": self.metadata,
                "splink_settings": self.splink_settings,
            },
            indent=1,
            sort_keys=True,
        )

    def save(self, path: Path) -> None:
        path.write_text(self.to_json() + "\n", encoding="utf-8")

    @classmethod
    def load(cls, path: Path = STORED) -> LinkageModel:
        document = json.loads(path.read_text(encoding="utf-8"))
        if document.get("format") != FORMAT:
            raise ValueError(f"{path} is not a Guichet linkage model.")
        model = cls(
            version=document["version"],
            splink_settings=document["splink_settings"],
            link_threshold=document["link_threshold"],
            review_threshold=document["review_threshold"],
            trained_on=document.get("trained_on", ""),
            metadata=document.get("metadata", {}),
        )
        model.check()
        return model

    def check(self) -> None:
        """The stored comparisons must be ours, level for level (the in-process scorer reads
        their m and u by position)."""
        stored = self.splink_settings["comparisons"]
        if [c["output_column_name"] for c in stored] != [c.name for c in COMPARISONS]:
            raise ValueError("The stored model's comparisons are not this version's.")
        for comparison, levels in zip(COMPARISONS, stored, strict=True):
            labels = [level.get("label_for_charts") for level in levels["comparison_levels"]]
            if labels != [level.label for level in comparison.levels]:
                raise ValueError(f"The stored model's {comparison.name} levels differ.")

    def prior_weight(self) -> float:
        prior = self.splink_settings["probability_two_random_records_match"]
        return math.log2(prior / (1 - prior))

    def level_weights(self) -> list[list[float]]:
        """log2(m/u) of each level of each comparison (0 for null and untrained levels)."""
        weights = []
        for stored in self.splink_settings["comparisons"]:
            row = []
            for level in stored["comparison_levels"]:
                m, u = level.get("m_probability"), level.get("u_probability")
                row.append(
                    0.0 if level.get("is_null_level") or not m or not u else math.log2(m / u)
                )
            weights.append(row)
        return weights
