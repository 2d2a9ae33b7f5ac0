"""Where the report's figures come from: each module that holds some, through its selectors.

A source runs only when its module is installed (``apps.is_installed``), so its sentences are
simply absent otherwise. Feedback, appointments and programs add their source here when those
modules land.
"""

from __future__ import annotations

import math
from collections.abc import Callable

from django.apps import apps
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from guichet.core import clock
from guichet.reports.draft import Draft
from guichet.reports.figures import COUNT, DAYS, PERCENT, Figure, date_text


def standards_source(draft: Draft) -> None:
    """Service standards met per service, processing times, the inventory and its trend."""
    from guichet.standards.selectors import snapshot_latest_get
    from guichet.standards.tables import service_name

    snapshot = snapshot_latest_get()
    if snapshot is None:
        return
    figures, read_at, months = snapshot.figures, snapshot.computed_at, draft.period.months()
    period = _("decisions made from %(start)s to %(end)s (whole months of the period)")
    missed, cited_any = [], False
    current = draft.period.covers(figures.as_of)  # figures "as of" a day, not of the period
    for service in figures.services:
        name = {lang: service_name(service.code, lang) for lang in ("en", "fr")}
        rows = [m for m in [*service.compliance, service.partial_month] if m and m.month in months]
        decided, met = sum(m.decided for m in rows), sum(m.met for m in rows)
        if service.target_days is not None and decided and decided >= service.min_sample:
            cited_any = True
            share = draft.cite(
                f"standards.met.{service.code}",
                PERCENT,
                100 * met / decided,
                definition=_(
                    "Share of the %(service)s applications decided in the period whose clock "
                    "(days counted by the service standard, pauses for the client excluded) "
                    "stayed within the standard."
                ),
                period=period,
                read_at=read_at,
                source="standards",
                service=lambda lang, n=name: n[lang],
                **draft.period.text_params(),
            )
            count = draft.cite(
                f"standards.decided.{service.code}",
                COUNT,
                decided,
                definition=_("%(service)s applications decided in the period."),
                period=period,
                read_at=read_at,
                source="standards",
                service=lambda lang, n=name: n[lang],
                **draft.period.text_params(),
            )
            target = draft.cite(
                f"standards.target.{service.code}",
                DAYS,
                service.target_days,
                definition=_("The published service standard for %(service)s, in days."),
                period=_("in force on %(as_of)s"),
                read_at=read_at,
                source="standards",
                service=lambda lang, n=name: n[lang],
                as_of=lambda lang: date_text(figures.as_of, lang),
            )
            draft.say(
                "achievements",
                _(
                    "%(service)s: %(share)s of the %(decided)s applications decided in the period "
                    "met the service standard of %(target)s days."
                ),
                service=name,
                share=share,
                decided=count,
                target=target,
            )
            if service.target_share is not None and met / decided < service.target_share:
                missed.append((name, share))
        if service.measured.p80 == 0 and current:
            draft.say(
                "achievements",
                _("%(service)s: 8 in 10 applications were decided on the day they arrived."),
                service=name,
            )
        elif service.measured.p80 is not None and current:
            cited_any = True
            p80 = draft.cite(
                f"standards.p80.{service.code}",
                DAYS,
                service.measured.p80,
                definition=_(
                    "Processing time within which 8 in 10 %(service)s applications were decided "
                    "(80th percentile, in days from receipt to decision)."
                ),
                period=_("the %(days)s days up to %(as_of)s"),
                read_at=read_at,
                source="standards",
                service=lambda lang, n=name: n[lang],
                days=service.window_days,
                as_of=lambda lang: date_text(figures.as_of, lang),
            )
            draft.say(
                "achievements",
                _("%(service)s: 8 in 10 applications were decided within %(p80)s days."),
                service=name,
                p80=p80,
            )
        if service.slowed and service.pace_ratio is not None and current:
            pace = draft.cite(
                f"standards.pace.{service.code}",
                PERCENT,
                100 * service.pace_ratio,
                definition=_(
                    "%(service)s decisions of the last weeks as a share of what the usual pace "
                    "would have produced."
                ),
                period=_("the weeks up to %(as_of)s"),
                read_at=read_at,
                source="standards",
                service=lambda lang, n=name: n[lang],
                as_of=lambda lang: date_text(figures.as_of, lang),
            )
            draft.say(
                "challenges",
                _(
                    "%(service)s: decisions have slowed to %(pace)s of their usual pace in recent "
                    "weeks; the forecasts given to clients were widened."
                ),
                service=name,
                pace=pace,
            )
    for name, share in missed:
        draft.say(
            "priorities",
            _(
                "Bring %(service)s back within its service standard: %(share)s of its decisions "
                "met it in the period, below the department's target."
            ),
            service=name,
            share=share,
        )
    open_total = sum(s.open_total for s in figures.services)
    if current and (open_total or cited_any):
        as_of = {"as_of": lambda lang: date_text(figures.as_of, lang)}
        inventory = draft.cite(
            "standards.inventory",
            COUNT,
            open_total,
            definition=_("Applications received and not yet decided, all services."),
            period=_("on %(as_of)s"),
            read_at=read_at,
            source="standards",
            **as_of,
        )
        backlog = draft.cite(
            "standards.backlog",
            COUNT,
            sum(s.backlog for s in figures.services),
            definition=_(
                "Applications in the inventory already older than their service standard."
            ),
            period=_("on %(as_of)s"),
            read_at=read_at,
            source="standards",
            **as_of,
        )
        draft.say(
            "achievements",
            _(
                "The inventory stood at %(inventory)s applications on %(as_of)s, of which "
                "%(backlog)s were older than their service standard."
            ),
            inventory=inventory,
            backlog=backlog,
            **as_of,
        )
        _inventory_trend(draft, figures, read_at)
        if backlog.value:
            draft.say(
                "priorities",
                _(
                    "Reduce the backlog of %(backlog)s applications older than their standard, "
                    "oldest first."
                ),
                backlog=backlog,
            )


def _inventory_trend(draft: Draft, figures, read_at) -> None:  # type: ignore[no-untyped-def]
    """The open applications at the end of the period's first and last weeks, all services."""
    start, end = draft.period.start.isoformat(), draft.period.end.isoformat()
    totals: dict[str, int] = {}
    for service in figures.services:
        for week in service.flows:
            if start <= week.week <= end and not week.partial:
                totals[week.week] = totals.get(week.week, 0) + week.open_end
    if len(totals) < 2:
        return
    first_week, last_week = min(totals), max(totals)
    import datetime as dt

    weeks = {
        "first": lambda lang: date_text(dt.date.fromisoformat(first_week), lang),
        "last": lambda lang: date_text(dt.date.fromisoformat(last_week), lang),
    }
    cited = [
        draft.cite(
            f"standards.inventory.week.{which}",
            COUNT,
            totals[week],
            definition=_("Applications open at the end of the week, all services."),
            period=_("the week starting %(week)s"),
            read_at=read_at,
            source="standards",
            week=weeks[which],
        )
        for which, week in (("first", first_week), ("last", last_week))
    ]
    message = (
        _("Over the period the inventory went down from %(before)s to %(after)s applications.")
        if cited[1].value < cited[0].value
        else _("Over the period the inventory went from %(before)s to %(after)s applications.")
    )
    draft.say("achievements", message, before=cited[0], after=cited[1])


def contact_source(draft: Draft) -> None:
    """Self-service containment, avoidable contacts and digital take-up."""
    from guichet.contact.selectors.metrics import channel_metrics_get

    weeks = max(1, math.ceil(draft.period.days / 7))
    metrics = channel_metrics_get(weeks=weeks, today=draft.period.end)
    if not metrics.total and not metrics.ivr_calls:
        return
    read_at = clock.now()
    period = _("the %(weeks)s whole weeks from %(start)s to %(end)s")
    params = {
        "weeks": len(metrics.weeks),
        "start": lambda lang: date_text(metrics.start, lang),
        "end": lambda lang: date_text(metrics.end, lang),
    }

    def cite(key: str, kind: str, value: float, definition: Promise) -> Figure:
        return draft.cite(
            key,
            kind,
            value,
            definition=definition,
            period=period,
            read_at=read_at,
            source="contact",
            **params,
        )

    contacts = cite(
        "contact.total", COUNT, metrics.total, _("Contacts from clients, all channels.")
    )
    if metrics.containment.percent is not None:
        calls = cite(
            "contact.ivr_calls",
            COUNT,
            metrics.ivr_calls,
            _("Calls to the phone self-service line."),
        )
        contained = cite(
            "contact.containment",
            PERCENT,
            metrics.containment.percent,
            _(
                "Share of phone self-service calls where the caller heard the status of their "
                "application and was not passed to an agent."
            ),
        )
        draft.say(
            "achievements",
            _(
                "Of the %(calls)s calls to the phone self-service line, %(contained)s were "
                "answered without an agent."
            ),
            calls=calls,
            contained=contained,
        )
    if metrics.avoidable.percent is not None:
        avoidable = cite(
            "contact.avoidable",
            PERCENT,
            metrics.avoidable.percent,
            _(
                "Share of contacts handled by staff whose reason self-service already answers "
                "(the status of an application, processing times)."
            ),
        )
        avoidable_count = cite(
            "contact.avoidable_count",
            COUNT,
            metrics.avoidable.numerator,
            _("Contacts handled by staff that self-service could have answered."),
        )
        draft.say(
            "challenges",
            _(
                "Of the %(contacts)s contacts received, %(count)s handled by staff were about "
                "questions self-service already answers, %(share)s of the contacts staff handled."
            ),
            contacts=contacts,
            count=avoidable_count,
            share=avoidable,
        )
        draft.say(
            "priorities",
            _(
                "Reduce avoidable contacts (%(share)s of those staff handled) by making the "
                "status of an application easier to find online and by phone."
            ),
            share=avoidable,
        )
    if metrics.digital_take_up.percent is not None:
        take_up = cite(
            "contact.take_up",
            PERCENT,
            metrics.digital_take_up.percent,
            _(
                "Status look-ups answered by self-service (web, API, phone line) over those "
                "plus the contacts with staff about status."
            ),
        )
        draft.say(
            "achievements",
            _(
                "%(take_up)s of requests for the status of an application were served by "
                "self-service."
            ),
            take_up=take_up,
        )


def linking_source(draft: Draft) -> None:
    """Paper applications linked to an online account in the period."""
    from guichet.reports.selectors import paper_links_count

    read_at = clock.now()
    linked = paper_links_count(start=draft.period.start, end=draft.period.end)
    if not linked:
        return
    figure = draft.cite(
        "accounts.paper_linked",
        COUNT,
        linked,
        definition=_("Paper applications that clients linked to their online account."),
        period=_("from %(start)s to %(end)s"),
        read_at=read_at,
        source="accounts",
        **draft.period.text_params(),
    )
    draft.say(
        "achievements",
        _(
            "Clients linked %(linked)s paper applications to their online account, which gives "
            "them the status and letters online applicants already have."
        ),
        linked=figure,
    )


# (module, source): a source runs only when its module is installed.
SOURCES: tuple[tuple[str, Callable[[Draft], None]], ...] = (
    ("guichet.standards", standards_source),
    ("guichet.accounts", linking_source),
    ("guichet.contact", contact_source),
)


def sources_run(draft: Draft) -> None:
    for module, source in SOURCES:
        if apps.is_installed(module):
            source(draft)
