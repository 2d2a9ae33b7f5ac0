"""Writes of the identity link: possible duplicates, their decision, client merge and split.

A merge never happens on its own (ADR 0024): intake opens a `DuplicateReview`, a member of
staff decides. A merge moves the merged client's cases to the survivor and lists them; a split
moves exactly those back. Both clients' rows, every case with its history and every audit
record stay; each merge, split and decision is itself audited.
"""

from __future__ import annotations

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser, User
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from guichet.cases.models import Case
from guichet.clients.models import Client
from guichet.core import clock
from guichet.core.audit import audit_record
from guichet.core.errors import Conflict, IllegalTransition, InvalidInput, NotFound
from guichet.identity_link.models import ClientMerge, DuplicateReview
from guichet.identity_link.selectors import Candidate

Actor = AbstractBaseUser | AnonymousUser | None


def _user(actor: Actor) -> User | None:
    return actor if isinstance(actor, User) and actor.is_authenticated else None


def duplicate_reviews_record(
    *, client: Client, candidates: tuple[Candidate, ...], model_version: str, source: str
) -> list[DuplicateReview]:
    """Open one review per candidate for a client just created. Call inside the transaction
    that created the client."""
    now = clock.now()
    return [
        DuplicateReview.objects.create(
            client=client,
            candidate=candidate.client,
            match_probability=candidate.score.match_probability,
            evidence=[
                {"comparison": e.comparison, "level": e.level, "weight": round(e.weight, 3)}
                for e in candidate.score.evidence
            ],
            model_version=model_version,
            source=source,
            created_at=now,
        )
        for candidate in candidates
        if candidate.client.pk != client.pk
    ]


def _locked_client(client_id: int, field: str) -> Client:
    client = Client.objects.select_for_update().filter(pk=client_id).first()
    if client is None:
        raise NotFound(_("There is no such client."), field=field)
    return client


@transaction.atomic
def client_merge(
    *, survivor_id: int, merged_id: int, actor: Actor, review: DuplicateReview | None = None
) -> ClientMerge:
    """Move every case of `merged_id` to `survivor_id` and record the merge."""
    if survivor_id == merged_id:
        raise InvalidInput(_("A client cannot be merged with itself."), field="merged_id")
    # Lock in a fixed order so that two merges of the same pair cannot deadlock.
    first, second = sorted((survivor_id, merged_id))
    locked = {
        first: _locked_client(first, "survivor_id"),
        second: _locked_client(second, "merged_id"),
    }
    survivor, merged = locked[survivor_id], locked[merged_id]
    active = ClientMerge.objects.filter(split_at__isnull=True)
    if active.filter(merged__in=[survivor, merged]).exists():
        raise Conflict(
            _("One of these clients is already merged into another: split it first."),
            field="merged_id",
        )
    case_ids = sorted(Case.objects.filter(client=merged).values_list("pk", flat=True))
    Case.objects.filter(pk__in=case_ids).update(client=survivor)
    merge = ClientMerge.objects.create(
        survivor=survivor,
        merged=merged,
        case_ids=case_ids,
        review=review,
        merged_at=clock.now(),
        merged_by=_user(actor),
    )
    for target, detail in (
        (survivor, f"client {merged.pk} merged into this one ({len(case_ids)} cases moved)"),
        (merged, f"merged into client {survivor.pk} (merge {merge.pk})"),
    ):
        audit_record(
            actor=actor, action="change", target_type="client", target_id=target.pk, detail=detail
        )
    return merge


@transaction.atomic
def client_split(*, merge_id: int, actor: Actor) -> ClientMerge:
    """Undo a merge: the cases it moved go back to the merged client (cases opened on the
    survivor since stay there)."""
    merge = ClientMerge.objects.select_for_update().filter(pk=merge_id).first()
    if merge is None:
        raise NotFound(_("There is no such merge."), field="merge_id")
    if merge.split_at is not None:
        raise IllegalTransition(_("These clients were already split."), field="merge_id")
    _locked_client(min(merge.survivor_id, merge.merged_id), "merge_id")
    _locked_client(max(merge.survivor_id, merge.merged_id), "merge_id")
    moved = Case.objects.filter(pk__in=merge.case_ids, client_id=merge.survivor_id)
    count = moved.update(client_id=merge.merged_id)
    merge.split_at = clock.now()
    merge.split_by = _user(actor)
    merge.save(update_fields=["split_at", "split_by"])
    for target_id, detail in (
        (merge.survivor_id, f"split from client {merge.merged_id} ({count} cases moved back)"),
        (merge.merged_id, f"split from client {merge.survivor_id} (merge {merge.pk})"),
    ):
        audit_record(
            actor=actor, action="change", target_type="client", target_id=target_id, detail=detail
        )
    return merge


@transaction.atomic
def duplicate_review_decide(*, review_id: int, same_person: bool, actor: Actor) -> DuplicateReview:
    """Record a reviewer's decision; the same person merges the new client into the
    existing one."""
    review = DuplicateReview.objects.select_for_update().filter(pk=review_id).first()
    if review is None:
        raise NotFound(_("There is no such review."), field="review_id")
    if review.status != DuplicateReview.Status.OPEN:
        raise IllegalTransition(_("This review was already decided."), field="review_id")
    if same_person:
        client_merge(
            survivor_id=review.candidate_id, merged_id=review.client_id, actor=actor, review=review
        )
        review.status = DuplicateReview.Status.SAME
    else:
        review.status = DuplicateReview.Status.DIFFERENT
    review.decided_at = clock.now()
    review.decided_by = _user(actor)
    review.save(update_fields=["status", "decided_at", "decided_by"])
    audit_record(
        actor=actor,
        action="change",
        target_type="duplicate_review",
        target_id=review.pk,
        detail=f"decided: {review.status}",
    )
    return review
