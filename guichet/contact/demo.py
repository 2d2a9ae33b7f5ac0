"""Demo data for the contact centre: the help-centre articles and a few weeks of contacts on
existing cases, so the agent desktop, the interaction logs and the channel metrics have
something to show. Called by the demo seeder (`seed_contact_demo(...)`); idempotent enough to
run twice (articles are updated, contacts are added only when none exist yet)."""

import datetime as dt
import random
import secrets
from dataclasses import dataclass

from django.contrib.auth.models import User
from django.db import transaction

from guichet.accounts.models import CaseLink
from guichet.cases.models import Case
from guichet.contact.business_days import business_days_add
from guichet.contact.models import (
    ContactChannel,
    ContactOutcome,
    ContactReason,
    Direction,
    Enquiry,
    EnquiryStatus,
    Interaction,
    IvrSession,
    IvrStage,
    KbArticle,
    StatusLookupDay,
    TransferReason,
)
from guichet.contact.services.knowledge_base import kb_load
from guichet.core import clock
from guichet.core.roles import AGENT

# Why people reach an agent, roughly as call centres report it: status first.
REASON_WEIGHTS = {
    ContactReason.STATUS: 34,
    ContactReason.DOCUMENTS: 16,
    ContactReason.PROCESSING_TIME: 12,
    ContactReason.CHANGE_DETAILS: 8,
    ContactReason.APPOINTMENT: 8,
    ContactReason.ONLINE_ACCOUNT: 9,
    ContactReason.ELIGIBILITY: 6,
    ContactReason.DECISION: 4,
    ContactReason.COMPLAINT: 2,
    ContactReason.OTHER: 1,
}
QUESTIONS = {
    "en": [
        "I sent the documents you asked for two weeks ago. Did you receive them?",
        "My address changed last month. How do I update it on my application?",
        "The status page says my medical exam is in progress. Do I need to do anything?",
    ],
    "fr": [
        "J'ai envoyé les documents demandés il y a deux semaines. Les avez-vous reçus?",
        "J'ai déménagé le mois dernier. Comment mettre mon adresse à jour dans ma demande?",
        "La page d'état indique que mon examen médical est en cours. Dois-je faire quelque chose?",
    ],
}


@dataclass(frozen=True)
class ContactDemoSummary:
    categories: int
    articles: int
    ivr_calls: int
    contacts: int
    enquiries: int


def _reason(rng: random.Random) -> str:
    return rng.choices(list(REASON_WEIGHTS), weights=list(REASON_WEIGHTS.values()))[0]


def seed_contact_demo(
    *, seed: int = 1, weeks: int = 12, calls_per_week: int = 150, max_cases: int = 5000
) -> ContactDemoSummary:
    """Load the help centre, then, if there are cases and no contacts yet, `weeks` weeks of
    phone self-service calls, calls to agents and web enquiries on existing cases."""
    categories, articles = kb_load()
    if Interaction.objects.exists():
        return ContactDemoSummary(categories, articles, 0, 0, 0)
    case_rows = list(
        Case.objects.order_by("id").values_list("id", "client_id", "client__preferred_language")[
            :max_cases
        ]
    )
    if not case_rows:
        return ContactDemoSummary(categories, articles, 0, 0, 0)
    rng = random.Random(seed)
    agents = list(User.objects.filter(groups__name=AGENT)[:5])
    kb = {
        reason: list(KbArticle.objects.filter(reason=reason).values_list("id", flat=True))
        for reason in ContactReason.values
    }
    now = clock.now()
    sessions: list[IvrSession] = []
    interactions: list[Interaction] = []
    lookups: dict[tuple[dt.date, str], int] = {}
    with transaction.atomic():
        for week in range(weeks):
            # Self-service grows week after week: the channel shift the dashboard shows.
            share_self = 0.45 + 0.25 * week / max(1, weeks - 1)
            for _ in range(calls_per_week):
                at = (
                    now
                    - dt.timedelta(weeks=weeks - week)
                    + dt.timedelta(seconds=rng.randrange(7 * 86400))
                )
                case_id, client_id, language = rng.choice(case_rows)
                language = language if language in ("en", "fr") else "en"
                if rng.random() < share_self:
                    outcome = rng.choices(
                        [
                            ContactOutcome.SELF_SERVED,
                            ContactOutcome.TRANSFERRED,
                            ContactOutcome.ABANDONED,
                        ],
                        weights=[80, 12, 8],
                    )[0]
                    verified = outcome != ContactOutcome.ABANDONED or rng.random() < 0.3
                    session = IvrSession(
                        call_sid="CA" + secrets.token_hex(16),
                        started_at=at,
                        updated_at=at,
                        ended_at=at + dt.timedelta(minutes=3),
                        language=language,
                        stage=IvrStage.TRANSFERRED
                        if outcome == ContactOutcome.TRANSFERRED
                        else IvrStage.ENDED,
                        case_id=case_id if verified else None,
                        verified_at=at + dt.timedelta(seconds=50) if verified else None,
                        status_heard_at=at + dt.timedelta(seconds=55)
                        if outcome != ContactOutcome.ABANDONED and verified
                        else None,
                        transferred_at=at + dt.timedelta(minutes=2)
                        if outcome == ContactOutcome.TRANSFERRED
                        else None,
                        transfer_reason=TransferReason.CALLER_ASKED
                        if outcome == ContactOutcome.TRANSFERRED
                        else "",
                    )
                    sessions.append(session)
                    interactions.append(
                        Interaction(
                            at=at,
                            channel=ContactChannel.IVR,
                            reason=ContactReason.STATUS,
                            outcome=outcome,
                            case_id=session.case_id,
                            client_id=client_id if verified else None,
                            ivr_session=session,
                        )
                    )
                    # Some callers call back for an agent the next day anyway.
                    if session.status_heard_at and rng.random() < 0.1:
                        interactions.append(
                            _agent_contact(
                                rng,
                                at + dt.timedelta(hours=rng.randrange(1, 30)),
                                case_id,
                                client_id,
                                agents,
                                kb,
                            )
                        )
                else:
                    interactions.append(_agent_contact(rng, at, case_id, client_id, agents, kb))
                key = (at.date(), "web")
                lookups[key] = lookups.get(key, 0) + rng.randrange(2, 6)
        IvrSession.objects.bulk_create(sessions)
        for interaction in interactions:  # the sessions have their ids now
            if interaction.ivr_session is not None:
                interaction.ivr_session_id = interaction.ivr_session.pk
        Interaction.objects.bulk_create(interactions)
        StatusLookupDay.objects.bulk_create(
            StatusLookupDay(day=day, channel=channel, count=count)
            for (day, channel), count in lookups.items()
        )
        enquiries = _enquiries(rng, now, agents)
    return ContactDemoSummary(categories, articles, len(sessions), len(interactions), enquiries)


def _agent_contact(
    rng: random.Random,
    at: dt.datetime,
    case_id: int,
    client_id: int,
    agents: list[User],
    kb: dict[str, list[int]],
) -> Interaction:
    reason = _reason(rng)
    articles = kb.get(reason) or []
    return Interaction(
        at=at,
        channel=rng.choices(
            [ContactChannel.PHONE, ContactChannel.CHAT, ContactChannel.EMAIL],
            weights=[80, 12, 8],
        )[0],
        direction=Direction.INBOUND,
        reason=reason,
        outcome=rng.choices(
            [ContactOutcome.RESOLVED, ContactOutcome.FOLLOW_UP, ContactOutcome.REFERRED],
            weights=[72, 18, 10],
        )[0],
        case_id=case_id,
        client_id=client_id,
        agent=rng.choice(agents) if agents else None,
        kb_article_id=rng.choice(articles) if articles and rng.random() < 0.6 else None,
    )


def _enquiries(rng: random.Random, now: dt.datetime, agents: list[User]) -> int:
    """A few web questions from accounts that have linked cases: some answered, some waiting."""
    links = list(CaseLink.objects.select_related("account", "case")[:40])
    count = 0
    for index, link in enumerate(links):
        language = link.account.language if link.account.language in ("en", "fr") else "en"
        submitted = now - dt.timedelta(hours=rng.randrange(2, 24 * 10))
        answered = index % 3 != 0 and bool(agents)
        enquiry = Enquiry.objects.create(
            client_id=link.case.client_id,
            case=link.case,
            author=link.account.user,
            language=language,
            reason=rng.choice(
                [ContactReason.DOCUMENTS, ContactReason.CHANGE_DETAILS, ContactReason.STATUS]
            ),
            question=rng.choice(QUESTIONS[language]),
            submitted_at=submitted,
            due_at=business_days_add(submitted, 2),
        )
        Interaction.objects.create(
            at=submitted,
            channel=ContactChannel.WEB_ENQUIRY,
            reason=enquiry.reason,
            outcome=ContactOutcome.RESOLVED if answered else ContactOutcome.IN_PROGRESS,
            case=link.case,
            client_id=link.case.client_id,
            enquiry=enquiry,
        )
        if answered:
            enquiry.status = EnquiryStatus.ANSWERED
            enquiry.answered_at = submitted + dt.timedelta(hours=rng.randrange(2, 40))
            enquiry.answered_by = rng.choice(agents)
            enquiry.answer_channel = "email"
            enquiry.answer = (
                "Merci de votre question. Nous avons bien reçu vos documents; ils ont été "
                "ajoutés à votre dossier."
                if language == "fr"
                else "Thank you for your question. We received your documents and added them "
                "to your file."
            )
            enquiry.save()
        count += 1
    return count
