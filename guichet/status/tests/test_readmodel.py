"""The status read model: after every kind of change the stored answer is the selector's, in
both languages; a rolled-back change leaves the old one; a catalogue change falls back to the
selector until the rebuild; the check names the cases that differ."""

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import transaction

from guichet.cases.services import case_decide, case_step_update
from guichet.catalogue.models import StepMessage
from guichet.catalogue.selectors import catalogue_cache_clear
from guichet.catalogue.services import revision_bump
from guichet.core import clock
from guichet.standards.days import day_of
from guichet.standards.models import CaseForecast
from guichet.status.models import StatusDocument
from guichet.status.payload import document_compose, status_payload_bytes
from guichet.status.readmodel import (
    status_document_answer,
    status_document_by_case,
    status_documents_check,
)
from guichet.status.selectors import LANGUAGES, case_status_get
from guichet.status.services import status_documents_rebuild
from guichet.status.version import renderer_version
from guichet.testing.factories import case_make, staff_make

pytestmark = pytest.mark.django_db


def assert_stored_is_the_selectors(case):
    for language in LANGUAGES:
        row = status_document_by_case(case_id=case.pk, language=language)
        assert row is not None and row.body is not None, "no document of this version"
        expected = status_payload_bytes(case_status_get(case_id=case.pk, language=language))
        assert document_compose(row.body, row.estimate) == expected
        assert status_document_answer(row) == expected
    assert list(status_documents_check(case_ids=[case.pk])) == []


@pytest.fixture
def officer():
    return staff_make("officer")


def test_a_received_case_has_its_documents_in_both_languages():
    case = case_make()
    assert set(StatusDocument.objects.filter(case=case).values_list("language", flat=True)) == {
        "en",
        "fr",
    }
    assert_stored_is_the_selectors(case)
    english = status_document_by_case(case_id=case.pk, language="en").body
    french = status_document_by_case(case_id=case.pk, language="fr").body
    assert english != french
    assert "Nous avons reçu".encode() in french


def test_a_step_change_rewrites_the_documents(officer):
    case = case_make()
    before = status_document_by_case(case_id=case.pk, language="en").body
    case_step_update(
        case_id=case.pk, step_code="completeness-check", state="completed", actor=officer
    )
    assert status_document_by_case(case_id=case.pk, language="en").body != before
    assert_stored_is_the_selectors(case)


def test_action_required_and_its_note_are_stored(officer):
    case = case_make()
    case_step_update(
        case_id=case.pk,
        step_code="completeness-check",
        state="action_required",
        actor=officer,
        client_note="Envoyez le reçu des frais « A-12 ».",
    )
    assert "« A-12 »".encode() in status_document_by_case(case_id=case.pk, language="fr").body
    assert_stored_is_the_selectors(case)


@pytest.mark.parametrize("outcome", ["refused", "withdrawn"])
def test_a_decision_or_a_withdrawal_is_stored(officer, outcome):
    case = case_make()
    case_decide(case_id=case.pk, outcome=outcome, actor=officer)
    assert (
        f'"outcome": "{outcome}"'.encode()
        in status_document_by_case(case_id=case.pk, language="en").body
    )
    assert_stored_is_the_selectors(case)


def test_an_approval_after_every_step_is_stored(officer):
    case = case_make()
    for code in case_status_get(case_id=case.pk).steps:
        if code.code != "final-decision":
            case_step_update(case_id=case.pk, step_code=code.code, state="completed", actor=officer)
    case_decide(case_id=case.pk, outcome="approved", actor=officer)
    assert_stored_is_the_selectors(case)


def test_a_rolled_back_change_leaves_the_documents_as_they_were(officer):
    case = case_make()
    before = {d.language: bytes(d.body) for d in StatusDocument.objects.filter(case=case)}
    with pytest.raises(RuntimeError), transaction.atomic():
        case_decide(case_id=case.pk, outcome="withdrawn", actor=officer)
        raise RuntimeError("the caller failed after the change")
    after = {d.language: bytes(d.body) for d in StatusDocument.objects.filter(case=case)}
    assert after == before
    assert_stored_is_the_selectors(case)


def _forecast(case, *, most_by_days, likely_by_days=10, open_ended=False):
    today = day_of(clock.today())
    CaseForecast.objects.update_or_create(
        case_id=case.pk,
        defaults={
            "service_id": case.service_id,
            "queue_position": 1,
            "likely_by_day": today + likely_by_days,
            "most_by_day": today + most_by_days,
            "as_of_day": today,
            "open_ended": open_ended,
        },
    )


def test_a_forecast_refresh_changes_the_answer_without_rewriting_the_documents(officer):
    case = case_make()
    stored = bytes(StatusDocument.objects.get(case=case, language="fr").body)
    _forecast(case, most_by_days=40)
    assert case_status_get(case_id=case.pk).estimate is not None
    assert_stored_is_the_selectors(case)
    CaseForecast.objects.filter(case_id=case.pk).delete()  # the next run replaces the table
    _forecast(case, most_by_days=90, likely_by_days=60, open_ended=True)
    assert case_status_get(case_id=case.pk).estimate.open_ended
    assert_stored_is_the_selectors(case)
    assert bytes(StatusDocument.objects.get(case=case, language="fr").body) == stored


def test_an_estimate_whose_date_has_passed_is_not_given(officer):
    case = case_make()
    _forecast(case, most_by_days=-1, likely_by_days=-5)
    assert case_status_get(case_id=case.pk).estimate is None
    assert_stored_is_the_selectors(case)


def test_a_decided_case_gives_no_estimate_even_with_a_forecast_left(officer):
    case = case_make()
    _forecast(case, most_by_days=40)
    case_decide(case_id=case.pk, outcome="refused", actor=officer)
    assert case_status_get(case_id=case.pk).estimate is None
    assert_stored_is_the_selectors(case)


@pytest.fixture
def fresh_catalogue():
    """The catalogue cache is per process: a changed catalogue must not outlive its test."""
    catalogue_cache_clear()
    yield
    catalogue_cache_clear()


def test_a_catalogue_change_falls_back_to_the_selector_until_the_rebuild(fresh_catalogue):
    case = case_make()
    old_version = renderer_version()
    message = StepMessage.objects.get(step_type__code="completeness-check", state="in_progress")
    message.text_en = "We are checking that nothing is missing from your application."
    message.save()
    revision_bump()
    catalogue_cache_clear()
    assert renderer_version() != old_version
    row = status_document_by_case(case_id=case.pk, language="en")
    assert row.body is None  # written by another renderer: not served
    assert b"nothing is missing" in status_document_answer(row)
    assert [(m.case_id, m.reason) for m in status_documents_check(case_ids=[case.pk])] == [
        (case.pk, "missing"),
        (case.pk, "missing"),
    ]
    assert status_documents_rebuild(stale_only=True) == 1
    assert status_documents_rebuild(stale_only=True) == 0  # nothing left to render
    assert_stored_is_the_selectors(case)


def test_a_catalogue_load_that_changes_nothing_keeps_the_version(fresh_catalogue):
    from guichet.catalogue.services import catalogue_load

    case_make()
    version = renderer_version()
    catalogue_load()
    catalogue_cache_clear()
    assert renderer_version() == version


def test_the_check_command_names_the_cases_that_differ(capsys):
    good, bad = case_make(), case_make()
    call_command("status_readmodel", "--check")
    assert "Every stored status" in capsys.readouterr().out
    document = StatusDocument.objects.get(case=bad, language="fr")
    document.body = bytes(document.body).replace(b"in_progress", b"completed", 1)
    document.save()
    with pytest.raises(CommandError) as failure:
        call_command("status_readmodel", "--check")
    assert str(failure.value).split("First ids: ")[1] == str(bad.pk)
    errors = capsys.readouterr().err
    assert f"case {bad.pk} (fr): different" in errors
    assert f"case {good.pk} " not in errors
    call_command("status_readmodel", "--rebuild")
    call_command("status_readmodel", "--check")
    assert_stored_is_the_selectors(bad)


def test_the_rebuild_writes_documents_for_cases_written_around_the_services():
    case = case_make()
    StatusDocument.objects.filter(case=case).delete()  # as after a bulk load
    assert {m.reason for m in status_documents_check(case_ids=[case.pk])} == {"missing"}
    call_command("status_readmodel", "--rebuild", "--case", str(case.pk))
    assert_stored_is_the_selectors(case)


def test_many_cases_are_rendered_in_batches_exactly_as_one_by_one(officer):
    cases = [case_make() for _ in range(5)]
    case_step_update(
        case_id=cases[2].pk, step_code="completeness-check", state="completed", actor=officer
    )
    one_by_one = {(d.case_id, d.language): bytes(d.body) for d in StatusDocument.objects.all()}
    StatusDocument.objects.all().delete()
    assert status_documents_rebuild(batch_size=2) == len(cases)
    batched = {(d.case_id, d.language): bytes(d.body) for d in StatusDocument.objects.all()}
    assert batched == one_by_one
    for case in cases:
        assert_stored_is_the_selectors(case)
