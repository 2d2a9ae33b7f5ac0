"""The set-based clock build (clock_bulk) against the Python fold: the same rows, field by field.

The oracle: a demo population plus hand-made histories (regular ones that exercise every rule
of the fold, irregular ones the set-based build must hand to the fold), built both ways."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.db import connection

from guichet.cases.models import Case, CaseEvent
from guichet.catalogue.models import StepType
from guichet.catalogue.selectors import catalogue_cache_clear
from guichet.demo.seeding import seed_population
from guichet.standards.clock_bulk import local_days
from guichet.standards.clocks import clocks_build, clocks_rebuild, clocks_sync_new
from guichet.standards.days import day_of
from guichet.standards.models import CaseClock
from guichet.standards.services import clock_rows_replace
from guichet.testing.factories import case_make

TORONTO = ZoneInfo("America/Toronto")
FIELDS = [field.attname for field in CaseClock._meta.concrete_fields]


def _at(text: str) -> dt.datetime:
    """A Toronto wall-clock time, "YYYY-MM-DD HH:MM[:SS[.ffffff]]"."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=TORONTO)


def _history(service: str, received: str, *events: tuple[str, ...]) -> Case:
    """A case received at `received`, then raw events (appended as they are given, in
    sequence order, whatever their dates): ("step", code, old, new, at) or
    ("decided", decision, at) or ("received", at)."""
    channel = "online" if service in ("eta", "study-permit") else "paper"
    case = case_make(service_code=service, channel=channel, received_at=_at(received))
    sequence = CaseEvent.objects.filter(case=case).count()
    for event in events:
        sequence += 1
        fields: dict[str, object] = {"case": case, "sequence": sequence, "kind": event[0]}
        if event[0] == "step":
            _kind, code, old, new, when = event
            fields |= {
                "step_type": StepType.objects.get(code=code),
                "old_state": old,
                "new_state": new,
                "at": _at(when),
            }
        elif event[0] == "decided":
            fields |= {"decision": event[1], "at": _at(event[2])}
        else:
            fields |= {"at": _at(event[1])}
        CaseEvent.objects.create(**fields)
    return case


CHECK = "completeness-check"
SPOUSE = "spouse-in-canada"


def _hand_made() -> dict[str, list[Case]]:
    regular = [
        # Two steps waiting at once pause once; the decision closes a pause under way.
        _history(
            SPOUSE,
            "2025-01-06 09:00",
            ("step", "biometrics", "not_started", "action_required", "2025-01-10 10:00"),
            ("step", "medical-exam", "not_started", "action_required", "2025-01-12 10:00"),
            ("step", "biometrics", "action_required", "in_progress", "2025-01-20 10:00"),
            ("step", "medical-exam", "action_required", "in_progress", "2025-01-25 10:00"),
            ("step", "eligibility", "not_started", "action_required", "2025-02-01 10:00"),
            ("decided", "approved", "2025-02-11 16:30:00.250000"),
        ),
        # Incomplete, another step waiting across the completion: counted from completion.
        _history(
            SPOUSE,
            "2025-03-03 09:00",
            ("step", CHECK, "in_progress", "action_required", "2025-03-05 10:00"),
            ("step", "biometrics", "not_started", "action_required", "2025-03-07 10:00"),
            ("step", CHECK, "action_required", "completed", "2025-03-20 10:00"),
            ("step", "biometrics", "action_required", "completed", "2025-03-28 10:00"),
            ("decided", "refused", "2025-05-01 11:00"),
            ("step", "eligibility", "not_started", "action_required", "2025-05-02 10:00"),
        ),
        # Complete on arrival, then the check asks again: only a pause.
        _history(
            SPOUSE,
            "2025-04-01 09:00",
            ("step", CHECK, "in_progress", "completed", "2025-04-02 10:00"),
            ("step", CHECK, "completed", "action_required", "2025-04-05 10:00"),
            ("step", CHECK, "action_required", "in_progress", "2025-04-09 10:00"),
        ),
        # Never complete, withdrawn: counted from receipt less its pauses.
        _history(
            SPOUSE,
            "2025-05-05 23:30",
            ("step", CHECK, "in_progress", "action_required", "2025-05-06 00:30"),
            ("decided", "withdrawn", "2025-06-01 08:00"),
            ("decided", "approved", "2025-06-02 08:00"),
        ),
        # Incomplete and still waiting (open, not started).
        _history(
            SPOUSE,
            "2025-06-02 09:00",
            ("step", CHECK, "in_progress", "action_required", "2025-06-03 10:00"),
        ),
        # Across both DST changes, at the hour they happen (UTC offsets change mid-hour).
        _history(
            SPOUSE,
            "2025-03-08 23:59:59.999999",
            ("step", "biometrics", "not_started", "action_required", "2025-03-09 01:59:59"),
            ("step", "biometrics", "action_required", "in_progress", "2025-03-09 03:00:01"),
            ("step", "eligibility", "not_started", "action_required", "2025-11-02 01:30"),
            ("step", "eligibility", "action_required", "in_progress", "2025-11-02 23:59:59"),
            ("decided", "approved", "2025-11-03 00:00:00.000001"),
        ),
        # The eTA, in hours (and a receipt on 31 December late at night).
        _history("eta", "2025-12-31 23:10:00.5", ("decided", "approved", "2026-01-03 22:09:59")),
        # Inside Canada: its own day standard.
        _history(
            "study-permit",
            "2025-02-02 12:00",
            ("step", "biometrics", "not_started", "action_required", "2025-02-03 12:00"),
        ),
    ]
    inside = regular[-1]
    Case.objects.filter(pk=inside.pk).update(applied_from="inside")  # write-ok: test data
    irregular = [
        # Out of order: an event dated before the one it follows.
        _history(
            SPOUSE,
            "2025-01-06 09:00",
            ("step", "biometrics", "not_started", "action_required", "2025-01-20 10:00"),
            ("step", "biometrics", "action_required", "in_progress", "2025-01-10 10:00"),
        ),
        # A resume with nothing waiting.
        _history(
            SPOUSE,
            "2025-01-06 09:00",
            ("step", "biometrics", "action_required", "in_progress", "2025-01-10 10:00"),
            ("decided", "approved", "2025-02-01 10:00"),
        ),
        # A second receipt, earlier: moves the start back.
        _history(SPOUSE, "2025-01-06 09:00", ("received", "2025-01-06 10:00")),
    ]
    # No events at all; events before the receipt (its event gone: history is append-only,
    # so only raw SQL can make these).
    bare = case_make(service_code=SPOUSE, received_at=_at("2025-01-07 09:00"))
    headless = _history(
        SPOUSE,
        "2025-01-08 09:00",
        ("step", "biometrics", "not_started", "action_required", "2025-01-09 10:00"),
        ("decided", "approved", "2025-02-01 10:00"),
    )
    table = connection.ops.quote_name(CaseEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(f"DELETE FROM {table} WHERE case_id = %s", [bare.pk])  # noqa: S608
        cursor.execute(
            f"DELETE FROM {table} WHERE case_id = %s AND kind = 'received'",  # noqa: S608
            [headless.pk],
        )
    irregular += [bare, headless]
    return {"regular": regular, "irregular": irregular}


def _rows() -> dict[int, tuple[object, ...]]:
    return {row[0]: row for row in CaseClock.objects.order_by("case_id").values_list(*FIELDS)}


def _folded() -> dict[int, tuple[object, ...]]:
    """Every clock row from the Python fold, case by case."""
    clock_rows_replace(case_ids=list(Case.objects.values_list("pk", flat=True)), rows=[])
    clocks_rebuild(case_ids=list(Case.objects.values_list("pk", flat=True)))
    return _rows()


def _assert_same(expected: dict[int, tuple[object, ...]], got: dict[int, tuple[object, ...]]):
    assert got.keys() == expected.keys()
    for case_id, row in expected.items():
        assert dict(zip(FIELDS, got[case_id], strict=True)) == dict(
            zip(FIELDS, row, strict=True)
        ), case_id


@pytest.fixture
def population(db):
    catalogue_cache_clear()
    seed_population(cases=3000, seed=11, as_of=dt.date(2026, 3, 2), batch_size=1_000, workers=0)
    return _hand_made()


def test_the_set_based_build_gives_the_python_folds_rows_field_by_field(population):
    expected = _folded()
    assert len(expected) > 3000
    assert sum(1 for row in expected.values() if row[FIELDS.index("decided_day")]) > 1000
    clock_rows_replace(case_ids=list(expected), rows=[])
    built = clocks_build(chunk=700)  # several chunks, one case's events never split
    assert built.total == len(expected)
    _assert_same(expected, _rows())
    # The irregular histories went to the fold, and only a few others did.
    assert built.folded >= len(population["irregular"])
    assert built.folded < len(expected) // 100


def test_the_hand_made_histories_are_built_as_the_fold_builds_them(population):
    expected = _folded()
    by_id = {case.pk: case for cases in population.values() for case in cases}
    clock_rows_replace(case_ids=list(expected), rows=[])
    built = clocks_build()
    _assert_same(expected, _rows())
    problems = {pk: expected[pk][FIELDS.index("problem")] for pk in by_id}
    assert [problems[case.pk] for case in population["irregular"][:2]] == [
        "out_of_order",
        "unmatched_resume",
    ]
    assert all(problems[case.pk] == "" for case in population["regular"])
    assert built.folded >= 4
    two_at_once = CaseClock.objects.get(case_id=population["regular"][0].pk)
    # Paused 10-25 January (15 days, once) and from 1 February to the decision (10).
    assert (two_at_once.paused_days, two_at_once.clock_days) == (25, 11)


def test_rebuilding_every_clock_and_syncing_new_cases_use_the_set_based_build(population):
    expected = _folded()
    CaseClock.objects.filter(case_id__gt=sorted(expected)[len(expected) // 2]).delete()
    assert clocks_sync_new() == len(expected) - len(expected) // 2 - 1
    _assert_same(expected, _rows())
    clock_rows_replace(case_ids=list(expected), rows=[])
    assert clocks_rebuild() == len(expected)
    _assert_same(expected, _rows())


@pytest.mark.parametrize(
    "moment",
    [
        "2025-03-09 01:59:59.999999",
        "2025-03-09 03:00:00",
        "2025-11-02 00:59:59",
        "2025-11-02 01:30:00",
        "2025-11-02 23:59:59.999999",
        "2025-12-31 23:59:59",
        "1999-06-30 20:00:00",
    ],
)
def test_local_days_are_day_of(moment):
    import numpy as np

    when = _at(moment)
    micros = (when - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)) // dt.timedelta(microseconds=1)
    assert local_days(np.array([micros, micros - 1], dtype=np.int64)).tolist() == [
        day_of(when),
        day_of(when - dt.timedelta(microseconds=1)),
    ]


def test_a_date_time_stored_in_another_format_is_left_to_the_fold(population):
    if connection.vendor != "sqlite":
        pytest.skip("only SQLite stores date-times as text")
    case = population["regular"][0]
    table = connection.ops.quote_name(CaseEvent._meta.db_table)
    with connection.cursor() as cursor:
        cursor.execute(
            f"UPDATE {table} SET at = '2025-01-12T15:00:00+00:00' "  # noqa: S608
            "WHERE case_id = %s AND sequence = 3",
            [case.pk],
        )
    expected = _folded()
    clock_rows_replace(case_ids=list(expected), rows=[])
    built = clocks_build()
    _assert_same(expected, _rows())
    assert built.folded >= len(population["irregular"]) + 1
