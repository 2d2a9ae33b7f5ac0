"""Definitions of service standards that the catalogue's `standard.days` cannot say.

Hour-based standards: the eTA's standard is 72 hours, not 3 calendar days (an eTA decided
95.8 hours after receipt is late, though it lands within 3 calendar days). For these
services, a decision meets the standard when the hours from receipt to decision, less the
hours paused (whole days paused × 24), are at most the standard's hours.

Standards that depend on where the client applied from: study and work permits are 60 days
(the catalogue's `standard.days`) for applications made outside Canada and 120 days for
applications made inside Canada (`Case.applied_from`). An application whose origin was not
recorded is held to the catalogue's figure, the stricter one.
"""

from guichet.cases.models import AppliedFrom

HOUR_STANDARDS: dict[str, int] = {"eta": 72}

INSIDE_CANADA_STANDARD_DAYS: dict[str, int] = {"study-permit": 120, "work-permit": 120}


def case_standard_days(service_code: str, applied_from: str) -> int | None:
    """The day standard of one case when it differs from its service's, else None."""
    if applied_from == AppliedFrom.INSIDE_CANADA:
        return INSIDE_CANADA_STANDARD_DAYS.get(service_code)
    return None
