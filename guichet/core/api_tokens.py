"""What a staff API token looks like: its marker, the part shown to staff, and its digest (the
only form in which it is stored)."""

import datetime as dt
import hashlib

TOKEN_PREFIX = "gch_"  # noqa: S105 - a marker, not a secret
SHOWN_PREFIX_LENGTH = 12
# Recording every use would turn each read into a write; once a minute is enough to audit.
LAST_USED_RESOLUTION = dt.timedelta(minutes=1)


def token_digest(raw: str) -> str:
    return hashlib.sha256(raw.encode("utf-8")).hexdigest()
