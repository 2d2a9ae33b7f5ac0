"""Reading editions and versions, and the one figure no other module's selector gives yet."""

from __future__ import annotations

import datetime as dt

from django.db.models import QuerySet
from django.utils import timezone

from guichet.core.errors import NotFound
from guichet.reports.models import ReportEdition, ReportVersion


def edition_list() -> QuerySet[ReportEdition]:
    """Editions, newest period first, each with its number of versions."""
    from django.db.models import Count, Max

    return ReportEdition.objects.annotate(
        version_count=Count("versions"), last_saved_at=Max("versions__saved_at")
    ).order_by("-period_end", "-id")


def edition_get(*, edition_id: int) -> ReportEdition:
    try:
        return ReportEdition.objects.get(pk=edition_id)
    except ReportEdition.DoesNotExist:
        from django.utils.translation import gettext_lazy as _

        raise NotFound(_("This edition of the report does not exist."), field="edition") from None


def version_latest_get(*, edition: ReportEdition) -> ReportVersion:
    """The edition's newest version (an edition always has one: its draft)."""
    return (
        ReportVersion.objects.filter(edition=edition)
        .order_by("-number")
        .select_related("saved_by")[0]
    )


def version_list(*, edition: ReportEdition) -> QuerySet[ReportVersion]:
    return (
        ReportVersion.objects.filter(edition=edition).select_related("saved_by").order_by("-number")
    )


def edition_previous_get(*, edition: ReportEdition) -> ReportEdition | None:
    """The edition for the period before this one (ending earlier), if any."""
    return (
        ReportEdition.objects.filter(period_end__lt=edition.period_end)
        .order_by("-period_end", "-id")
        .first()
    )


def paper_links_count(*, start: dt.date, end: dt.date) -> int:
    """Paper applications linked to an online account from `start` to `end` (local days),
    each counted once however many accounts linked it. One query."""
    from guichet.accounts.models import CaseLink
    from guichet.cases.models import Channel

    tz = timezone.get_current_timezone()
    since = dt.datetime.combine(start, dt.time.min, tzinfo=tz)
    until = dt.datetime.combine(end + dt.timedelta(days=1), dt.time.min, tzinfo=tz)
    return (
        CaseLink.objects.filter(
            case__channel=Channel.PAPER, linked_at__gte=since, linked_at__lt=until
        )
        .values("case_id")
        .distinct()
        .count()
    )
