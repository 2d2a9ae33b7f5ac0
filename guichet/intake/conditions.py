"""Conditions written as data: when a question is asked, when a document is needed.

A condition is a list of alternatives; it holds when any alternative holds. An alternative is a
table of answers that must all match: a value, or a list of accepted values. No condition (an
empty list) always holds.

    when = [{ purpose = "family" }, { purpose = "business", funds = ["host", "employer"] }]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

Condition = Sequence[Mapping[str, Any]]


def condition_holds(condition: Condition | None, answers: Mapping[str, Any]) -> bool:
    if not condition:
        return True
    return any(_alternative_holds(alternative, answers) for alternative in condition)


def _alternative_holds(alternative: Mapping[str, Any], answers: Mapping[str, Any]) -> bool:
    for key, wanted in alternative.items():
        accepted = wanted if isinstance(wanted, list | tuple) else [wanted]
        if answers.get(key) not in accepted:
            return False
    return True


def condition_keys(condition: Condition | None) -> set[str]:
    """The answers a condition reads (to check that each is asked before it is used)."""
    return {key for alternative in condition or [] for key in alternative}
