"""Merge and split keep every case, history and audit record, and are audited."""

import pytest

from guichet.cases.models import Case, CaseEvent
from guichet.clients.models import Client
from guichet.core.errors import Conflict, IllegalTransition, InvalidInput
from guichet.core.models import AuditRecord
from guichet.core.roles import OFFICER
from guichet.identity_link.models import ClientMerge, DuplicateReview
from guichet.identity_link.services import (
    client_merge,
    client_split,
    duplicate_review_decide,
)
from guichet.testing.factories import case_make, client_make, staff_make

pytestmark = pytest.mark.django_db


def audits(client):
    return list(
        AuditRecord.objects.filter(target_type="client", target_id=str(client.pk)).values_list(
            "detail", flat=True
        )
    )


def test_merge_then_split_keeps_every_case_history_and_audit_record():
    officer = staff_make(OFFICER)
    survivor, merged = client_make(), client_make()
    kept = case_make(client=survivor)
    moved = [case_make(client=merged), case_make(client=merged)]
    events = CaseEvent.objects.count()

    merge = client_merge(survivor_id=survivor.pk, merged_id=merged.pk, actor=officer)
    assert set(Case.objects.filter(client=survivor)) == {kept, *moved}
    assert merge.case_ids == sorted(c.pk for c in moved)
    assert Client.objects.filter(pk=merged.pk).exists()  # the row stays
    assert "merged into client" in audits(merged)[0]
    assert audits(survivor)[0].endswith("(2 cases moved)")

    later = case_make(client=survivor)  # opened after the merge: stays on the survivor
    client_split(merge_id=merge.pk, actor=officer)
    assert set(Case.objects.filter(client=merged)) == set(moved)
    assert set(Case.objects.filter(client=survivor)) == {kept, later}
    assert CaseEvent.objects.count() == events + CaseEvent.objects.filter(case=later).count()
    assert len(audits(survivor)) == 2 and len(audits(merged)) == 2
    merge.refresh_from_db()
    assert merge.split_by == officer and merge.split_at is not None
    with pytest.raises(IllegalTransition):
        client_split(merge_id=merge.pk, actor=officer)


def test_merge_refusals():
    one, two, three = client_make(), client_make(), client_make()
    with pytest.raises(InvalidInput):
        client_merge(survivor_id=one.pk, merged_id=one.pk, actor=None)
    client_merge(survivor_id=one.pk, merged_id=two.pk, actor=None)
    with pytest.raises(Conflict):
        client_merge(survivor_id=three.pk, merged_id=two.pk, actor=None)  # merged already
    with pytest.raises(Conflict):
        client_merge(survivor_id=two.pk, merged_id=three.pk, actor=None)  # into a merged one
    assert ClientMerge.objects.count() == 1


def _review(client, candidate):
    return DuplicateReview.objects.create(
        client=client, candidate=candidate, match_probability=0.9, model_version="1",
        created_at=client.created_at,
    )  # fmt: skip


def test_a_reviewer_decides_same_person_or_different_people():
    officer = staff_make(OFFICER)
    existing, new = client_make(), client_make()
    case = case_make(client=new)
    review = duplicate_review_decide(
        review_id=_review(new, existing).pk, same_person=True, actor=officer
    )
    assert review.status == "same" and review.decided_by == officer
    case.refresh_from_db()
    assert case.client == existing
    assert ClientMerge.objects.get().review == review
    with pytest.raises(IllegalTransition):
        duplicate_review_decide(review_id=review.pk, same_person=False, actor=officer)

    other = client_make()
    different = duplicate_review_decide(
        review_id=_review(other, existing).pk, same_person=False, actor=officer
    )
    assert different.status == "different"
    assert Case.objects.filter(client=existing).count() == 1
    assert AuditRecord.objects.filter(target_type="duplicate_review").count() == 2
