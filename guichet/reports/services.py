"""Opening an edition of the council report (drafted from live figures) and saving versions."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.contrib.auth.models import User
from django.db import transaction
from django.utils.translation import gettext_lazy as _

from guichet.core import clock
from guichet.core.errors import InvalidInput
from guichet.reports.draft import Draft, Period
from guichet.reports.figures import cited_keys
from guichet.reports.models import ReportEdition, ReportVersion
from guichet.reports.sections import LANGUAGES, SECTION_KEYS
from guichet.reports.sources import sources_run

MAX_PERIOD_DAYS = 3 * 366
SECTION_MAX_CHARS = 20_000

# Section 4 always proposes these; the sources add what their figures suggest.
STANDING_TOPICS = (
    _(
        "Measuring service standards the same way across jurisdictions, so that the share of "
        "decisions made on time can be compared."
    ),
    _(
        "What helps clients serve themselves: the status of an application online and by "
        "phone, and paper applications followed online."
    ),
)


def _date(value: dt.date | str, field: str) -> dt.date:
    if isinstance(value, dt.date):
        return value
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise InvalidInput(
            _("Enter the date as year, month and day, for example 2026-06-30."), field=field
        ) from None


def period_check(*, start: dt.date | str, end: dt.date | str) -> Period:
    """The period, or InvalidInput naming the field at fault."""
    first, last = _date(start, "period_start"), _date(end, "period_end")
    if last < first:
        raise InvalidInput(
            _("The last day of the period must come after its first day."), field="period_end"
        )
    if last > clock.today():
        raise InvalidInput(_("The period cannot end in the future."), field="period_end")
    if (last - first).days + 1 > MAX_PERIOD_DAYS:
        raise InvalidInput(_("A report covers at most three years."), field="period_start")
    return Period(first, last)


def _header(user: User | None) -> dict[str, dict[str, str]]:
    jurisdiction = settings.REPORTS_JURISDICTION
    contact = ""
    if user is not None:
        contact = ", ".join(p for p in (user.get_full_name(), user.email) if p)
    return {lang: {"jurisdiction": jurisdiction[lang], "contact": contact} for lang in LANGUAGES}


@transaction.atomic
def edition_open(
    *, period_start: dt.date | str, period_end: dt.date | str, actor: User | None
) -> ReportEdition:
    """Open an edition for a period and save its first version, drafted in English and French
    from the live figures. Raises InvalidInput (field ``period``) when no module holds any
    figure for the period: nothing is saved."""
    period = period_check(start=period_start, end=period_end)
    draft = Draft(period)
    sources_run(draft)
    if not draft.figures:
        raise InvalidInput(
            _(
                "Guichet holds no figures for this period: no decision, contact or linked "
                "application falls between these dates. Choose another period."
            ),
            field="period",
        )
    for topic in STANDING_TOPICS:
        draft.say("topics", topic)
    header = _header(actor)
    content = {
        lang: {
            key: header[lang].get(key) or "\n".join(f"- {line}" for line in draft.text[lang][key])
            for key in SECTION_KEYS
        }
        for lang in LANGUAGES
    }
    now = clock.now()
    edition = ReportEdition(
        period_start=period.start,
        period_end=period.end,
        opened_at=now,
        opened_by=actor,
        figures=[figure.to_json() for figure in draft.figures.values()],
    )
    edition.full_clean()
    edition.save()
    ReportVersion.objects.create(
        edition=edition, number=1, saved_at=now, saved_by=actor, content=content, note=""
    )
    return edition


def content_check(*, edition: ReportEdition, content: dict[str, dict[str, str]]) -> None:
    """Every section present in both languages, not too long, citing only this edition's
    figures (so every number keeps its footnote)."""
    known = {figure["key"] for figure in edition.figures}
    for lang in LANGUAGES:
        for key in SECTION_KEYS:
            field = f"{key}_{lang}"
            text = content.get(lang, {}).get(key)
            if not isinstance(text, str):
                raise InvalidInput(_("This section is missing."), field=field)
            if len(text) > SECTION_MAX_CHARS:
                raise InvalidInput(
                    _("This section is too long: keep it under %(limit)s characters."),
                    field=field,
                    limit=SECTION_MAX_CHARS,
                )
            unknown = [k for k in cited_keys(text) if k not in known]
            if unknown:
                raise InvalidInput(
                    _(
                        "This section cites a figure the edition does not hold: %(key)s. Use "
                        "only the figures listed on the page."
                    ),
                    field=field,
                    key=unknown[0],
                )


@transaction.atomic
def version_save(
    *,
    edition_id: int,
    content: dict[str, dict[str, str]],
    note: str = "",
    actor: User | None,
) -> ReportVersion:
    """Save the manager's text as the edition's next version (nothing is overwritten)."""
    edition = ReportEdition.objects.select_for_update().filter(pk=edition_id).first()
    if edition is None:
        from guichet.core.errors import NotFound

        raise NotFound(_("This edition of the report does not exist."), field="edition")
    clean = {
        lang: {
            key: str(content.get(lang, {}).get(key, "")).replace("\r\n", "\n").strip()
            for key in SECTION_KEYS
        }
        for lang in LANGUAGES
    }
    content_check(edition=edition, content=clean)
    if len(note) > 200:
        raise InvalidInput(_("Keep the note under 200 characters."), field="note")
    last = edition.versions.order_by("-number").values_list("number", "content").first()
    if last is not None and last[1] == clean:
        raise InvalidInput(_("Nothing changed since the last version."), field="content")
    return ReportVersion.objects.create(
        edition=edition,
        number=(last[0] if last else 0) + 1,
        saved_at=clock.now(),
        saved_by=actor,
        content=clean,
        note=note.strip(),
    )
