"""Reads of the identity link: which existing clients an applicant may be (ADR 0024)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal

from django.db.models import Q, QuerySet

from guichet.clients.models import Client
from guichet.core.text import name_key
from guichet.identity_link.features import Features, features_of
from guichet.identity_link.models import ClientMerge, DuplicateReview
from guichet.identity_link.scoring import Score, pair_score, stored_model

# More candidates than this in one block is a very common name and birth date: scored all the
# same (a few milliseconds), but never more, so that one receipt cannot scan a table.
MAX_CANDIDATES = 200


@dataclass(frozen=True)
class Candidate:
    client: Client
    score: Score


@dataclass(frozen=True)
class Resolution:
    """`attach`: this is `client`. `new`: nobody known. `review`: a new client, and these
    candidates may be the same person (a person decides)."""

    outcome: Literal["attach", "new", "review"]
    client: Client | None
    candidates: tuple[Candidate, ...]
    model_version: str


def client_features(client: Client) -> Features:
    return features_of(
        family_name=client.family_name,
        given_names=client.given_names,
        date_of_birth=client.date_of_birth,
        sex=client.sex,
        postal_code=client.postal_code,
    )


def client_candidates(
    *, family_name: str, given_names: str, date_of_birth: dt.date
) -> QuerySet[Client]:
    """The clients worth scoring, in one indexed query: same date of birth; or same family
    name and birth year (a typo in the day or month); or same family and given names (a typo
    in the year). Clients merged into another are left out: their survivor answers for them."""
    family = name_key(family_name)
    blocks = (
        Q(date_of_birth=date_of_birth)
        | Q(family_key=family, date_of_birth__year=date_of_birth.year)
        | Q(family_key=family, given_key=name_key(given_names))
    )
    merged = ClientMerge.objects.filter(split_at__isnull=True).values("merged_id")
    return Client.objects.filter(blocks).exclude(pk__in=merged).order_by("pk")[:MAX_CANDIDATES]


def client_resolve(
    *,
    family_name: str,
    given_names: str,
    date_of_birth: dt.date,
    sex: str = "",
    postal_code: str = "",
) -> Resolution:
    """Who this applicant is among the existing clients, by the stored model's probability:
    one candidate at or above the link threshold and no other at or above the review
    threshold is a certain match; any candidate from the review threshold otherwise makes a
    review; none, a new client. Never two clients merged here."""
    model = stored_model()
    applicant = features_of(
        family_name=family_name,
        given_names=given_names,
        date_of_birth=date_of_birth,
        sex=sex,
        postal_code=postal_code,
    )
    scored = [
        Candidate(client, pair_score(applicant, client_features(client), model=model))
        for client in client_candidates(
            family_name=family_name, given_names=given_names, date_of_birth=date_of_birth
        )
    ]
    possible = sorted(
        (c for c in scored if c.score.match_probability >= model.review_threshold),
        key=lambda c: (-c.score.match_probability, c.client.pk),
    )
    if not possible:
        return Resolution("new", None, (), model.version)
    if len(possible) == 1 and possible[0].score.match_probability >= model.link_threshold:
        return Resolution("attach", possible[0].client, tuple(possible), model.version)
    return Resolution("review", None, tuple(possible), model.version)


def duplicate_reviews_open() -> QuerySet[DuplicateReview]:
    """Possible duplicates waiting for a decision, most probable first."""
    return DuplicateReview.objects.filter(status=DuplicateReview.Status.OPEN).select_related(
        "client", "candidate"
    )


def client_merged_into(*, client: Client) -> Client | None:
    """The client this one was merged into (and not split from since), if any."""
    merge = (
        ClientMerge.objects.filter(merged=client, split_at__isnull=True)
        .select_related("survivor")
        .first()
    )
    return merge.survivor if merge else None
