"""Surveys as data: the shipped definitions (data/<code>.toml), checked and hashed.

A definition is a title, named answer scales and questions, each in English and French. Its
hash (of the canonical JSON) tells whether a file differs from the last published version;
`survey_publish` in services.py publishes a new version only then.
"""

import hashlib
import json
import tomllib
from pathlib import Path
from typing import Any

DATA = Path(__file__).resolve().parent / "data"
DEPARTMENT_SURVEY = "client-satisfaction"
LANGUAGES = ("en", "fr")
KINDS = ("scale", "choice", "text")
ROLES = ("overall", "driver", "topic", "channel", "comment")
SCALE_POINTS = 5
NOT_APPLICABLE = "na"
COMMENT_MAX = 2000


class DefinitionError(ValueError):
    """A survey file that cannot be published (for the developer who wrote it, in English)."""


def definition_load(code: str) -> dict[str, Any]:
    """The shipped definition of survey `code`, checked."""
    with (DATA / f"{code.replace('-', '_')}.toml").open("rb") as handle:
        definition = tomllib.load(handle)
    definition_check(definition)
    return definition


def definition_check(definition: dict[str, Any]) -> None:
    """Raise DefinitionError unless every text exists in both languages and every question is
    well formed (unique codes, a known kind and role, scales of five labels, options)."""
    for language in LANGUAGES:
        if not str(definition.get("title", {}).get(language, "")).strip():
            raise DefinitionError(f"title.{language} is missing")
    scales = definition.get("scales", {})
    for name, scale in scales.items():
        for language in LANGUAGES:
            if len(scale.get(language, [])) != SCALE_POINTS:
                raise DefinitionError(f"scale {name}.{language} needs {SCALE_POINTS} labels")
    seen: set[str] = set()
    questions = definition.get("questions", [])
    if not questions:
        raise DefinitionError("a survey needs questions")
    for question in questions:
        code = question.get("code", "")
        if not code or code in seen:
            raise DefinitionError(f"question code {code!r} is missing or repeated")
        seen.add(code)
        if question.get("kind") not in KINDS or question.get("role") not in ROLES:
            raise DefinitionError(f"question {code}: unknown kind or role")
        for language in LANGUAGES:
            if not str(question.get(language, "")).strip():
                raise DefinitionError(f"question {code}: {language} text is missing")
        if question["kind"] == "scale" and question.get("scale") not in scales:
            raise DefinitionError(f"question {code}: unknown scale")
        if question["kind"] == "choice":
            options = question.get("options", [])
            if not options or any(
                not all(o.get(k) for k in ("value", *LANGUAGES)) for o in options
            ):
                raise DefinitionError(f"question {code}: options need a value, en and fr")
    if sum(1 for q in questions if q["role"] == "overall") != 1:
        raise DefinitionError("a survey has exactly one overall question")


def definition_hash(definition: dict[str, Any]) -> str:
    canonical = json.dumps(definition, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode()).hexdigest()


def questions_by_role(definition: dict[str, Any], *roles: str) -> list[dict[str, Any]]:
    return [q for q in definition["questions"] if q["role"] in roles]
