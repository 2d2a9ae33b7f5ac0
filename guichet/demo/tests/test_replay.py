"""Seeded histories replayed through the real case services give the same case, step by step.

This is the proof that the bulk seed writes exactly what case_receive, case_step_update and
case_decide would have written (the state machine's guards included).
"""

import random

from guichet.cases.models import Case, CaseEvent, CaseStep
from guichet.cases.services import case_decide, case_receive, case_step_update
from guichet.catalogue.selectors import catalogue_get


def _events(case: Case) -> list[tuple]:
    return list(
        CaseEvent.objects.filter(case=case)
        .order_by("sequence")
        .values_list(
            "sequence", "at", "kind", "step_type_id", "old_state", "new_state", "decision",
            "client_note",
        )
    )  # fmt: skip


def _steps(case: Case) -> list[tuple]:
    return list(
        CaseStep.objects.filter(case=case)
        .order_by("position")
        .values_list("position", "step_type_id", "state", "updated_at")
    )


def replay(case: Case) -> Case:
    """Receive a new case for the same client and apply the seeded history through services."""
    catalogue = catalogue_get()
    events = list(CaseEvent.objects.filter(case=case).order_by("sequence"))
    copy = case_receive(
        client=case.client,
        service_code=catalogue.services[case.service_id].code,
        channel=case.channel,
        received_at=case.received_at,
    )
    decided = next((e for e in events if e.kind == "decided"), None)
    for event in events[2:]:
        if decided is not None and event.at == decided.at and event.sequence <= decided.sequence:
            if event is decided:  # the decision writes its own closing step events
                case_decide(
                    case_id=copy.pk,
                    outcome=event.decision,
                    actor=None,
                    client_note=event.client_note,
                    at=event.at,
                )
            continue
        case_step_update(
            case_id=copy.pk,
            step_code=catalogue.step_types[event.step_type_id].code,
            state=event.new_state,
            actor=None,
            client_note=event.client_note,
            at=event.at,
        )
    return Case.objects.get(pk=copy.pk)


def _sample(size: int) -> list[Case]:
    """A sample that covers every kind of ending: open, approved, refused, withdrawn."""
    cases = list(Case.objects.select_related("client").order_by("pk"))
    rng = random.Random(3)
    picked = rng.sample(cases, size)
    for outcome in ("approved", "refused", "withdrawn", ""):
        picked += [c for c in cases if c.decision == outcome][:3]
    services = catalogue_get().services
    ceremonies = [
        c for c in cases
        if services[c.service_id].code == "citizenship-grant" and c.decision == "approved"
    ]  # fmt: skip
    assert ceremonies, "the sample should hold an approved citizenship case (steps after it)"
    picked += ceremonies[:2]
    return list({c.pk: c for c in picked}.values())


def test_replayed_histories_match_the_seed(seeded):
    sample = _sample(60)
    assert {c.decision for c in sample} == {"", "approved", "refused", "withdrawn"}
    for case in sample:
        copy = replay(case)
        assert _events(copy) == _events(case), case.application_number
        assert _steps(copy) == _steps(case), case.application_number
        assert (copy.status, copy.decision, copy.decided_at, copy.version) == (
            case.status, case.decision, case.decided_at, case.version,
        )  # fmt: skip
        assert copy.updated_at == case.updated_at  # the time of the last event
