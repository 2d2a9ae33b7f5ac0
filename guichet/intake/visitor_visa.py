"""The simplified visitor-visa form: its questions and documents, read from
data/visitor_visa.toml, and what a given applicant is asked.

A question is asked only when its answer can change the outcome or the documents, and only
when its condition holds for the answers given so far; a document is listed only when needed.
`form_counts` compares, for one set of answers, what the simplified form asks with what a form
that asks everything asks (docs/intake-visitor-visa.md is written from it).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from guichet.intake.conditions import Condition, condition_holds, condition_keys

DATA_FILE = Path(__file__).resolve().parent / "data" / "visitor_visa.toml"
SERVICE_CODE = "visitor-visa"
YES_NO = (("yes", "Yes", "Oui"), ("no", "No", "Non"))


@dataclass(frozen=True)
class Question:
    code: str
    label_en: str
    label_fr: str
    options: tuple[tuple[str, str, str], ...]  # (value, en, fr)
    when: Condition

    def label(self, language: str) -> str:
        return self.label_fr if language == "fr" else self.label_en

    def choices(self, language: str) -> list[tuple[str, str]]:
        return [(value, fr if language == "fr" else en) for value, en, fr in self.options]


@dataclass(frozen=True)
class Document:
    code: str
    text_en: str
    text_fr: str
    when: Condition

    def text(self, language: str) -> str:
        return self.text_fr if language == "fr" else self.text_en


@dataclass(frozen=True)
class VisitorVisaForm:
    questions: tuple[Question, ...]
    documents: tuple[Document, ...]
    dropped_questions: int  # asked by a form that asks everything, not by this one


def _bilingual(entry: Mapping[str, Any], key: str) -> tuple[str, str]:
    value = entry[key]
    if not value.get("en") or not value.get("fr"):
        raise ValueError(f"{entry.get('code')}: {key} needs English and French")
    return value["en"], value["fr"]


@cache
def visitor_visa_form(path: Path = DATA_FILE) -> VisitorVisaForm:
    """The form as the data file defines it, checked: every condition reads only questions
    asked before it (documents: any question), with values those questions offer."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    questions: list[Question] = []
    offered: dict[str, set[str]] = {}
    for entry in data["questions"]:
        raw = entry["options"]
        options = YES_NO if raw == "yes_no" else tuple((o["value"], o["en"], o["fr"]) for o in raw)
        when = entry.get("when", [])
        _check_condition(entry["code"], when, offered)
        questions.append(Question(entry["code"], *_bilingual(entry, "label"), options, when))
        offered[entry["code"]] = {value for value, _en, _fr in options}
    documents = []
    for entry in data["documents"]:
        when = entry.get("when", [])
        _check_condition(entry["code"], when, offered)
        documents.append(Document(entry["code"], *_bilingual(entry, "text"), when))
    dropped = sum(int(entry["count"]) for entry in data.get("dropped", []))
    return VisitorVisaForm(tuple(questions), tuple(documents), dropped)


def _check_condition(code: str, when: Condition, offered: Mapping[str, set[str]]) -> None:
    unknown = condition_keys(when) - set(offered)
    if unknown:
        raise ValueError(f"{code}: condition reads {sorted(unknown)}, not asked before it")
    for alternative in when:
        for key, wanted in alternative.items():
            values = wanted if isinstance(wanted, list) else [wanted]
            if not set(values) <= offered[key]:
                raise ValueError(f"{code}: {key} never answers {values}")


def questions_asked(answers: Mapping[str, Any]) -> list[Question]:
    """The questions this applicant is asked, in order, given the answers so far."""
    asked: list[Question] = []
    known: dict[str, Any] = {}
    for question in visitor_visa_form().questions:
        if condition_holds(question.when, known):
            asked.append(question)
            if question.code in answers:
                known[question.code] = answers[question.code]
    return asked


def answers_kept(answers: Mapping[str, Any]) -> dict[str, Any]:
    """The answers to questions still asked (a changed answer can make others moot)."""
    return {q.code: answers[q.code] for q in questions_asked(answers) if q.code in answers}


def documents_needed(answers: Mapping[str, Any]) -> list[Document]:
    kept = answers_kept(answers)
    return [d for d in visitor_visa_form().documents if condition_holds(d.when, kept)]


@dataclass(frozen=True)
class FormCounts:
    questions: int
    documents: int
    full_questions: int
    full_documents: int


def form_counts(answers: Mapping[str, Any], *, identity_questions: int) -> FormCounts:
    """What the simplified form asks of this applicant, and what a form asking everything
    asks of everyone (every question, every document on its checklist)."""
    form = visitor_visa_form()
    return FormCounts(
        questions=identity_questions + len(questions_asked(answers)),
        documents=len(documents_needed(answers)),
        full_questions=identity_questions + len(form.questions) + form.dropped_questions,
        full_documents=len(form.documents),
    )


# Common cases, for the comparison in docs/intake-visitor-visa.md (and its test).
COMMON_CASES: dict[str, dict[str, str]] = {
    "Tourist, employed, paying for the trip": {
        "purpose": "tourism",
        "under_18": "no",
        "occupation": "employed",
        "who_pays": "self",
        "longer_than_6_months": "no",
        "visa_last_10_years": "yes",
        "refused_before": "no",
        "criminal_record": "no",
    },
    "Retired parent visiting a child who is a citizen, who pays": {
        "purpose": "family",
        "under_18": "no",
        "occupation": "retired",
        "who_pays": "host",
        "host_status": "citizen_or_pr",
        "longer_than_6_months": "no",
        "visa_last_10_years": "no",
        "refused_before": "no",
        "criminal_record": "no",
    },
    "Business traveller, employed, invited by a company that pays": {
        "purpose": "business",
        "under_18": "no",
        "occupation": "employed",
        "who_pays": "host",
        "longer_than_6_months": "no",
        "visa_last_10_years": "yes",
        "refused_before": "no",
        "criminal_record": "no",
    },
    "Student on holiday, first visa": {
        "purpose": "tourism",
        "under_18": "no",
        "occupation": "student",
        "who_pays": "self",
        "longer_than_6_months": "no",
        "visa_last_10_years": "no",
        "refused_before": "no",
        "criminal_record": "no",
    },
    "Child travelling with one parent": {
        "purpose": "tourism",
        "under_18": "yes",
        "with_both_parents": "no",
        "who_pays": "self",
        "longer_than_6_months": "no",
        "visa_last_10_years": "no",
        "refused_before": "no",
        "criminal_record": "no",
    },
    "Grandparent staying 8 months with family (super-visa-like stay)": {
        "purpose": "family",
        "under_18": "no",
        "occupation": "retired",
        "who_pays": "host",
        "host_status": "citizen_or_pr",
        "longer_than_6_months": "yes",
        "visa_last_10_years": "yes",
        "refused_before": "no",
        "criminal_record": "no",
    },
}
