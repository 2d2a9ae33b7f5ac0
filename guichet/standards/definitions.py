"""Definitions of service standards that the catalogue's `standard.days` cannot say.

Hour-based standards: the eTA's standard is 72 hours, not 3 calendar days (an eTA decided
95.8 hours after receipt is late, though it lands within 3 calendar days). For these
services, a decision meets the standard when the hours from receipt to decision, less the
hours paused (whole days paused × 24), are at most the standard's hours.
"""

HOUR_STANDARDS: dict[str, int] = {"eta": 72}
