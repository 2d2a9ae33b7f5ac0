"""Live figures in every source, built through the real services."""

import datetime as dt

from django.test import override_settings

from guichet.catalogue.services import catalogue_load
from guichet.contact.services.interactions import interaction_record
from guichet.standards.refresh import snapshot_refresh
from guichet.standards.tests.helpers import at, decided_case, received


def live_figures() -> dict[str, object]:
    """Figures in every source for the half-year to 2026-11-30: decisions (one service meets
    its standard, one misses it), open applications, contacts with staff and a paper
    application linked to an online account."""
    from guichet.accounts.models import CaseLink, LinkRoute
    from guichet.accounts.tests.conftest import account_make

    catalogue_load()
    with override_settings(STANDARDS_MIN_SAMPLE=2):
        for day in ("06", "11", "16", "21"):
            decided_case("2026-08-01", f"2026-08-{day}", "visitor-visa")
            decided_case("2025-01-05", f"2026-09-{day}", "spouse-in-canada")
        paper = received("2026-07-01", "spouse-in-canada")
        received("2026-10-01", "spouse-in-canada")
        snapshot = snapshot_refresh()
    for n, reason in enumerate(("status", "status", "documents", "processing_time")):
        interaction_record(
            channel="phone",
            reason=reason,
            outcome="resolved",
            case=paper,
            at=at(f"2026-10-{10 + n}"),
        )
    CaseLink.objects.create(
        account=account_make(),
        case=paper,
        route=LinkRoute.APPLICATION_NUMBER,
        linked_at=at("2026-09-02"),
    )
    return {"snapshot": snapshot, "paper": paper}


PERIOD = {"period_start": dt.date(2026, 6, 1), "period_end": dt.date(2026, 11, 30)}
