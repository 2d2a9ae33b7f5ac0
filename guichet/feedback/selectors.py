"""Reads of the feedback module: the analysis frame and the report managers see."""

import datetime as dt
from dataclasses import dataclass
from typing import Any

import pandas as pd
from django.conf import settings
from django.utils import timezone

from guichet.feedback import analysis
from guichet.feedback.models import Invitation, ProgramChange, Response, Survey
from guichet.feedback.surveys import DEPARTMENT_SURVEY, definition_load, questions_by_role

COHORT_COLUMNS = ("decision_year", "service_code", "case_channel", "language", "province")


def measures_of(definition: dict[str, Any]) -> tuple[str, list[str], list[str]]:
    """The overall question, the drivers and the topics of a survey definition."""
    overall = questions_by_role(definition, "overall")[0]["code"]
    drivers = [q["code"] for q in questions_by_role(definition, "driver")]
    topics = [q["code"] for q in questions_by_role(definition, "topic")]
    return overall, drivers, topics


def analysis_frame(*, survey_code: str = DEPARTMENT_SURVEY) -> pd.DataFrame:
    """One row per invitation of every version of `survey_code` (one query), with its
    cohort, sampling rate, whether it was answered, and the scale answers as columns."""
    rows = Invitation.objects.filter(survey__code=survey_code).values_list(
        *COHORT_COLUMNS, "sampling_rate", "response__submitted", "response__answers"
    )
    records = []
    for *cohort, rate, submitted, answers in rows.iterator(chunk_size=20_000):
        record = dict(zip(COHORT_COLUMNS, cohort, strict=True))
        record["sampling_rate"] = rate
        record["submitted"] = bool(submitted)
        if submitted and answers:
            record.update(answers)
        records.append(record)
    frame = pd.DataFrame.from_records(records)
    if frame.empty:
        frame = pd.DataFrame(columns=[*COHORT_COLUMNS, "sampling_rate", "submitted"])
    frame["province"] = frame["province"].replace("", "—") if len(frame) else frame["province"]
    frame["submitted"] = frame["submitted"].astype(bool)
    return analysis.with_weights(frame) if len(frame) else frame.assign(weight=0.0)


@dataclass
class Report:
    """What the satisfaction page, its CSV and its API show."""

    dimension: str
    measures: list[str]
    overall: str
    drivers_and_topics: list[str]
    breakdown: analysis.Breakdown
    rates: list[analysis.Rate]
    years: list[str]
    reference: str
    group: str
    comparison: list[analysis.Comparison]
    drivers: list[analysis.Driver]
    weak: list[analysis.Comparison]
    respondents: int
    labels: dict[str, dict[str, str]]


def satisfaction_report(
    *,
    dimension: str = "decision_year",
    reference: str = "",
    group: str = "",
    frame: pd.DataFrame | None = None,
) -> Report:
    """The whole analysis: the breakdown by `dimension`, response rates, `group` compared with
    `reference` (two decision years; by default the first and the last), key drivers over the
    latest year, and the weak areas of the latest year."""
    if dimension not in analysis.DIMENSIONS:
        dimension = "decision_year"
    definition = _latest_definition()
    overall, drivers, topics = measures_of(definition)
    measures = [overall, *drivers, *topics]
    frame = analysis_frame() if frame is None else frame
    for measure in measures:
        if measure not in frame:
            frame[measure] = pd.NA
    min_cell = int(settings.FEEDBACK_MIN_CELL)
    years = sorted(str(y) for y in frame["decision_year"].dropna().unique())
    reference = reference if reference in years else (years[0] if years else "")
    group = group if group in years else (years[-1] if years else "")
    latest = frame[frame["decision_year"].astype(str) == group] if group else frame
    return Report(
        dimension=dimension,
        measures=measures,
        overall=overall,
        drivers_and_topics=[*drivers, *topics],
        breakdown=analysis.breakdown(
            frame, dimension=dimension, measures=measures, min_cell=min_cell
        ),
        rates=analysis.response_rates(frame, dimension=dimension, min_cell=min_cell),
        years=years,
        reference=reference,
        group=group,
        comparison=analysis.cohorts_compare(
            frame,
            dimension="decision_year",
            reference=reference,
            group=group,
            measures=measures,
            min_cell=min_cell,
        )
        if reference and group and reference != group
        else [],
        drivers=analysis.key_drivers(
            latest, overall=overall, drivers=[*drivers, *topics], min_cell=min_cell
        ),
        weak=analysis.weak_areas(latest, measures=measures, min_cell=min_cell),
        respondents=int(frame["submitted"].sum()) if len(frame) else 0,
        labels=_labels(definition),
    )


def _latest_definition() -> dict[str, Any]:
    survey = Survey.objects.filter(code=DEPARTMENT_SURVEY).order_by("-version").first()
    return survey.definition if survey is not None else definition_load(DEPARTMENT_SURVEY)


def _labels(definition: dict[str, Any]) -> dict[str, dict[str, str]]:
    return {
        q["code"]: dict(q.get("short") or {"en": q["en"], "fr": q["fr"]})
        for q in definition["questions"]
    }


@dataclass
class ChangeOutcome:
    """A published program change, and its question before and after it was in place."""

    change: ProgramChange
    comparison: analysis.Comparison | None  # None until shipped


def program_change_outcome(change: ProgramChange) -> analysis.Comparison | None:
    """The share satisfied on the change's question (and service), from responses sent before
    the change was in place and from those sent after: a two-proportion test."""
    if change.shipped_on is None:
        return None
    start = timezone.make_aware(dt.datetime.combine(change.shipped_on, dt.time.min))
    rows = Response.objects.filter(submitted=True)
    if change.service_code:
        rows = rows.filter(invitation__service_code=change.service_code)
    counts = {"before": [0.0, 0], "after": [0.0, 0]}
    for submitted_at, answers in rows.values_list("submitted_at", "answers").iterator(
        chunk_size=20_000
    ):
        value = answers.get(change.measure) if answers else None
        if not isinstance(value, int) or submitted_at is None:
            continue
        side = counts["after" if submitted_at >= start else "before"]
        side[0] += value >= 4
        side[1] += 1
    (s_a, n_a), (s_b, n_b) = counts["before"], counts["after"]
    return analysis.proportions_compare(
        s_a,
        int(n_a),
        s_b,
        int(n_b),
        change.measure,
        "after",
        "before",
        int(settings.FEEDBACK_MIN_CELL),
    )


def program_changes_published() -> list[ChangeOutcome]:
    """The public list "What we heard, what we changed", newest first."""
    changes = ProgramChange.objects.filter(published=True).order_by("-opened_at")
    return [ChangeOutcome(c, program_change_outcome(c)) for c in changes]
