"""Channel-shift metrics: what reaches the contact centre, by which channel, and how much of it
self-service answers. Every figure is an aggregate query (a fixed number of queries whatever
the volume), written to run the same on SQLite and PostgreSQL.

Definitions (also shown on the dashboard):
- contacts: inbound interactions (calls to agents, phone self-service calls, web enquiries,
  chats, e-mails, visits) started in the period;
- avoidable: assisted contacts whose reason self-service answers (status, processing times);
- IVR containment: phone self-service calls where the caller heard the status and was not
  handed to an agent, over all phone self-service calls;
- true containment: those contained calls with no assisted contact on the same case within
  CONTACT_TRUE_CONTAINMENT_HOURS after the call;
- first-contact resolution: assisted contacts recorded as answered with no further assisted
  contact on the same case within CONTACT_FCR_DAYS, over all closed assisted contacts;
- digital take-up: status look-ups answered by self-service (web, API, phone line) over those
  plus assisted contacts about status.
"""

import datetime as dt
from dataclasses import dataclass, field

from django.conf import settings
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.db.models.functions import TruncDate
from django.utils import timezone
from django.utils.translation import override

from guichet.contact.models import (
    ASSISTED_CHANNELS,
    SELF_SERVICE_REASONS,
    ContactChannel,
    ContactOutcome,
    ContactReason,
    Direction,
    Interaction,
    IvrSession,
    KbArticle,
    StatusLookupDay,
)
from guichet.core import clock

MAX_WEEKS = 104


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    percent: float  # of the largest bar, for the chart's width
    code: str = ""


@dataclass(frozen=True)
class Ratio:
    numerator: int
    denominator: int

    @property
    def percent(self) -> float | None:
        return round(100 * self.numerator / self.denominator, 1) if self.denominator else None


@dataclass(frozen=True)
class ArticleUse:
    slug: str
    title: str
    uses: int
    outdated: bool
    helpful_yes: int
    helpful_no: int


@dataclass(frozen=True)
class ReasonCoverage:
    code: str
    label: str
    contacts: int
    without_article: int
    articles: int


@dataclass
class ChannelMetrics:
    start: dt.date
    end: dt.date  # inclusive
    weeks: list[dt.date]  # Mondays
    channels: list[tuple[str, str]]  # (code, label) of the channels in the table
    per_week: dict[dt.date, dict[str, int]]  # week -> channel -> contacts
    week_totals: list[Bar]
    channel_totals: list[Bar]
    reasons: list[Bar]
    total: int
    assisted: int
    avoidable: Ratio
    ivr_calls: int
    containment: Ratio
    true_containment: Ratio
    first_contact_resolution: Ratio
    digital_take_up: Ratio
    self_service_lookups: dict[str, int] = field(default_factory=dict)
    articles: list[ArticleUse] = field(default_factory=list)
    reasons_without_article: list[ReasonCoverage] = field(default_factory=list)


def _bars(pairs: list[tuple[str, str, int]]) -> list[Bar]:
    top = max((value for _code, _label, value in pairs), default=0)
    return [
        Bar(
            label=label, value=value, percent=round(100 * value / top, 1) if top else 0.0, code=code
        )
        for code, label, value in pairs
    ]


def _monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def channel_metrics_get(
    *, weeks: int = 12, language: str = "en", today: dt.date | None = None
) -> ChannelMetrics:
    """The dashboard's figures for the `weeks` whole weeks ending with the current one."""
    weeks = max(1, min(weeks, MAX_WEEKS))
    today = today or clock.today()
    first_monday = _monday(today) - dt.timedelta(weeks=weeks - 1)
    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(first_monday, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(today + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    mondays = [first_monday + dt.timedelta(weeks=n) for n in range(weeks)]

    inbound = Interaction.objects.filter(at__gte=since, at__lt=until, direction=Direction.INBOUND)
    assisted = inbound.filter(channel__in=ASSISTED_CHANNELS)

    # Contacts per channel per week: counted per local day, folded into weeks here (truncating
    # to the week in SQL differs between SQLite and PostgreSQL; to the day it does not).
    per_week: dict[dt.date, dict[str, int]] = {monday: {} for monday in mondays}
    by_day = inbound.annotate(day=TruncDate("at", tzinfo=tz)).values("day", "channel")
    for row in by_day.annotate(n=Count("id")):
        week = per_week.setdefault(_monday(row["day"]), {})
        week[row["channel"]] = week.get(row["channel"], 0) + row["n"]

    with override(language):
        channel_labels = {c.value: str(c.label) for c in ContactChannel}
        reason_labels = {r.value: str(r.label) for r in ContactReason}
    channel_counts: dict[str, int] = {}
    for counts in per_week.values():
        for code, n in counts.items():
            channel_counts[code] = channel_counts.get(code, 0) + n
    channels = [(c, channel_labels[c]) for c in ContactChannel.values if c in channel_counts]
    total = sum(channel_counts.values())

    reason_counts = dict(inbound.values_list("reason").annotate(n=Count("id")))
    assisted_count = assisted.count()
    avoidable = assisted.filter(reason__in=SELF_SERVICE_REASONS).count()

    # Phone self-service.
    calls = IvrSession.objects.filter(started_at__gte=since, started_at__lt=until)
    contained = calls.filter(status_heard_at__isnull=False, transferred_at__isnull=True)
    window = dt.timedelta(hours=settings.CONTACT_TRUE_CONTAINMENT_HOURS)
    followed = Interaction.objects.filter(
        case_id=OuterRef("case_id"),
        direction=Direction.INBOUND,
        channel__in=ASSISTED_CHANNELS,
        at__gte=OuterRef("started_at"),
        at__lte=OuterRef("started_at") + window,
    )
    ivr = calls.aggregate(
        total=Count("id"),
        contained=Count("id", filter=Q(status_heard_at__isnull=False, transferred_at__isnull=True)),
    )
    truly_contained = contained.filter(~Exists(followed)).count()

    # First-contact resolution.
    closed = assisted.exclude(outcome=ContactOutcome.IN_PROGRESS).exclude(case__isnull=True)
    repeat = Interaction.objects.filter(
        case_id=OuterRef("case_id"),
        direction=Direction.INBOUND,
        channel__in=ASSISTED_CHANNELS,
        at__gt=OuterRef("at"),
        at__lte=OuterRef("at") + dt.timedelta(days=settings.CONTACT_FCR_DAYS),
    )
    fcr = closed.filter(outcome=ContactOutcome.RESOLVED).filter(~Exists(repeat)).count()

    # Digital take-up.
    lookups = dict(
        StatusLookupDay.objects.filter(day__gte=first_monday, day__lte=today)
        .values_list("channel")
        .annotate(n=Sum("count"))
    )
    lookups["ivr"] = calls.filter(status_heard_at__isnull=False).count()
    self_served = sum(lookups.values())
    assisted_status = assisted.filter(reason=ContactReason.STATUS).count()

    # Articles agents used, with readers' feedback, and reasons no article answers.
    used = (
        Interaction.objects.filter(at__gte=since, at__lt=until, kb_article__isnull=False)
        .values("kb_article")
        .annotate(n=Count("id"))
        .order_by("-n")[:10]
    )
    use_counts = {row["kb_article"]: row["n"] for row in used}
    article_rows = KbArticle.objects.filter(pk__in=use_counts).annotate(
        yes=Count("feedback", filter=Q(feedback__helpful=True)),
        no=Count("feedback", filter=Q(feedback__helpful=False)),
    )
    articles = sorted(
        (
            ArticleUse(
                slug=a.slug,
                title=a.title(language),
                uses=use_counts[a.pk],
                outdated=a.outdated,
                helpful_yes=a.yes,
                helpful_no=a.no,
            )
            for a in article_rows
        ),
        key=lambda a: (-a.uses, a.title),
    )
    articles_per_reason = dict(
        KbArticle.objects.filter(published=True)
        .exclude(reason="")
        .values_list("reason")
        .annotate(n=Count("id"))
    )
    without = dict(
        assisted.filter(kb_article__isnull=True).values_list("reason").annotate(n=Count("id"))
    )
    coverage = sorted(
        (
            ReasonCoverage(
                code=code,
                label=reason_labels[code],
                contacts=reason_counts.get(code, 0),
                without_article=without.get(code, 0),
                articles=articles_per_reason.get(code, 0),
            )
            for code in ContactReason.values
            if reason_counts.get(code, 0) and not articles_per_reason.get(code, 0)
        ),
        key=lambda r: -r.contacts,
    )

    return ChannelMetrics(
        start=first_monday,
        end=today,
        weeks=mondays,
        channels=channels,
        per_week=per_week,
        week_totals=_bars(
            [(m.isoformat(), m.isoformat(), sum(per_week.get(m, {}).values())) for m in mondays]
        ),
        channel_totals=_bars([(c, label, channel_counts[c]) for c, label in channels]),
        reasons=_bars(
            sorted(
                ((c, reason_labels[c], n) for c, n in reason_counts.items()),
                key=lambda item: -item[2],
            )
        ),
        total=total,
        assisted=assisted_count,
        avoidable=Ratio(avoidable, assisted_count),
        ivr_calls=ivr["total"],
        containment=Ratio(ivr["contained"], ivr["total"]),
        true_containment=Ratio(truly_contained, ivr["total"]),
        first_contact_resolution=Ratio(fcr, closed.count()),
        digital_take_up=Ratio(self_served, self_served + assisted_status),
        self_service_lookups=lookups,
        articles=articles,
        reasons_without_article=coverage,
    )
