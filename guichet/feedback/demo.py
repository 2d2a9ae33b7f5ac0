"""Demo data for the satisfaction survey: two past cohorts (decided in 2013 and in 2015) as
imported from the department's earlier surveys, with realistic non-response and some areas
genuinely weaker, so that `make demo` finds them:

- processing-time satisfaction is low for spousal sponsorship (both spouse services);
- confidence about where one's case stands is low for paper applicants;
- 2015 is a little better than 2013 on timeliness and clarity, worse on processing time.

Plus, if the database has decided cases, a few real invitations (through the service, so the
message goes to the outbox), for a demo user to answer a survey from a link. Called by
`seed_demo`; does nothing if survey answers exist already.
"""

import datetime as dt
import random
import secrets
from collections.abc import Mapping
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from guichet.cases.models import Case, CaseStatus, Decision
from guichet.feedback.models import Invitation, InvitationKind, Response
from guichet.feedback.selectors import measures_of
from guichet.feedback.services import invitation_for_decision, survey_current

SPOUSAL = ("spouse-in-canada", "spouse-outside-canada")
SERVICES = {  # service: share of decided cases (roughly)
    "spouse-in-canada": 8,
    "spouse-outside-canada": 8,
    "express-entry": 14,
    "citizenship-grant": 16,
    "pr-card": 12,
    "visitor-visa": 18,
    "study-permit": 12,
    "work-permit": 12,
}
PROVINCES = {"ON": 40, "QC": 20, "BC": 14, "AB": 12, "MB": 5, "SK": 3, "NS": 3, "NB": 2, "NL": 1}
SAMPLING = {"default": 0.25, "citizenship-grant": 0.1, "visitor-visa": 0.1}
COMMENTS = {
    "en": [
        "It took far too long to hear anything about my sponsorship.",
        "The online form was clear and quick.",
        "I never knew where my application was; the status page said nothing for months.",
        "The agent on the phone was very helpful and patient.",
        "I mailed my documents and had no news for weeks.",
        "Please tell us the real processing times.",
    ],
    "fr": [
        "Le traitement de ma demande de parrainage a été beaucoup trop long.",
        "Le formulaire en ligne était clair et rapide.",
        "Je ne savais jamais où en était mon dossier envoyé par la poste.",
        "L'agente au téléphone a été très aimable et patiente.",
        "Aucune nouvelle pendant des semaines après l'envoi de mes documents.",
        "Merci de publier les vrais délais de traitement.",
    ],
}


@dataclass(frozen=True)
class FeedbackDemoSummary:
    invitations: int
    responses: int
    live_invitations: int


def _pick(rng: random.Random, weights: Mapping[str, float]) -> str:
    return rng.choices(list(weights), weights=list(weights.values()))[0]


def _score(rng: random.Random, mean: float) -> int:
    # A latent satisfaction on a continuous scale, cut into five points.
    value = rng.gauss(mean, 1.0)
    return (
        1 if value < -1.5 else 2 if value < -0.5 else 3 if value < 0.3 else 4 if value < 1.3 else 5
    )


def seed_feedback_demo(
    *, seed: int = 2016, cohorts: dict[int, int] | None = None, live: int = 3
) -> FeedbackDemoSummary:
    """`cohorts` maps a decision year to its number of invitations (the 2015 survey had
    3,721 respondents; the default keeps the seeding fast)."""
    if Response.objects.exists():
        return FeedbackDemoSummary(0, 0, 0)
    cohorts = cohorts or {2013: 2500, 2015: 4000}
    rng = random.Random(seed)
    survey = survey_current()
    overall, drivers, topics = measures_of(survey.definition)
    channel_question = next(q for q in survey.definition["questions"] if q["role"] == "channel")
    channel_options = [o["value"] for o in channel_question["options"]]
    invitations: list[Invitation] = []
    answers: list[tuple[int, dict, str]] = []
    for year, count in cohorts.items():
        created = timezone.make_aware(dt.datetime(year, 12, 1, 12))
        for _ in range(count):
            service = _pick(rng, SERVICES)
            channel = "paper" if rng.random() < (0.55 if year == 2013 else 0.4) else "online"
            language = "fr" if rng.random() < 0.24 else "en"
            province = _pick(rng, PROVINCES)
            invitations.append(
                Invitation(
                    survey=survey,
                    kind=InvitationKind.HISTORICAL,
                    nonce=secrets.token_hex(16),
                    language=language,
                    service_code=service,
                    case_channel=channel,
                    province=province,
                    decision_year=year,
                    sampling_rate=SAMPLING.get(service, SAMPLING["default"]),
                    created_at=created,
                    expires_at=created + dt.timedelta(days=30),
                )
            )
            # Non-response: online and French-speaking clients answer a little more often.
            rate = 0.38 + (0.1 if channel == "online" else 0) + (0.04 if language == "fr" else 0)
            if rng.random() >= rate:
                continue
            person = rng.gauss(0, 0.7)
            scores: dict[str, int | str] = {}
            for measure in [*drivers, *topics]:
                mean = 0.9 + person
                if measure == "processing_time":
                    mean -= 0.5 + (1.3 if service in SPOUSAL else 0) + (0.3 if year == 2015 else 0)
                if measure == "status_confidence":
                    mean -= 0.2 + (1.2 if channel == "paper" else 0)
                if measure in ("timeliness", "clarity") and year == 2015:
                    mean += 0.3
                if measure == "staff_communication":
                    mean -= 0.3
                scores[measure] = _score(rng, mean)
            drive = sum(int(scores[m]) for m in [*drivers, *topics]) / len([*drivers, *topics])
            scores[overall] = max(1, min(5, round(drive + rng.gauss(0, 0.6))))
            scores["channel_used"] = channel if rng.random() < 0.9 else rng.choice(channel_options)
            comment = rng.choice(COMMENTS[language]) if rng.random() < 0.3 else ""
            invitations[-1].answered_at = created + dt.timedelta(days=2)
            answers.append((len(invitations) - 1, scores, comment))
    with transaction.atomic():
        Invitation.objects.bulk_create(invitations, batch_size=5000)
        responses = [
            Response(
                invitation=invitations[index],
                survey=survey,
                answers=scores,
                comment=comment,
                submitted=True,
                started_at=invitations[index].created_at,
                submitted_at=invitations[index].created_at + dt.timedelta(days=2),
            )
            for index, scores, comment in answers
            if scores
        ]
        Response.objects.bulk_create(responses, batch_size=5000)
        for response in responses:
            response.invitation.answered_at = response.submitted_at
        Invitation.objects.bulk_update(
            [r.invitation for r in responses], ["answered_at"], batch_size=5000
        )
    live_made = _live_invitations(live)
    return FeedbackDemoSummary(len(invitations), len(responses), live_made)


def _live_invitations(wanted: int) -> int:
    """Invite the clients of a few recently decided cases (French speakers first), through the
    service: their message is in the outbox for a demo user to open."""
    made = 0
    candidates = (
        Case.objects.filter(status=CaseStatus.DECIDED, decision=Decision.APPROVED)
        .exclude(client__email="")
        .order_by("-client__preferred_language", "-decided_at")
        .values_list("pk", flat=True)[:200]
    )
    for case_id in candidates:
        if made >= wanted:
            break
        with transaction.atomic():
            if invitation_for_decision(case_id=case_id) is not None:
                made += 1
    return made
