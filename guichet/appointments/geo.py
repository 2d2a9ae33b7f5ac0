"""Where a Canadian postal code is, offline, and how far it is from a point of service.

A postal code's forward sortation area (its first three characters, "K1A") is placed at its
centroid from the data set shipped inside the `pypostalcode` package (1,645 FSAs, a SQLite file
read once, read-only; nothing is downloaded). Distances are great-circle (haversine) distances
on a sphere of the Earth's mean radius: accurate to about 0.5 %, well within what a decision
"more than 150 km" needs. The full code's last three characters are checked for form only.
"""

from __future__ import annotations

import math
import re
import sqlite3
from dataclasses import dataclass
from functools import cache

from django.utils.translation import gettext_lazy as _

from guichet.core.errors import InvalidInput

EARTH_RADIUS_KM = 6371.0088
# Canada Post: no D, F, I, O, Q or U anywhere; no W or Z as the first letter.
_POSTAL = re.compile(
    r"^([ABCEGHJ-NPRSTVXY][0-9][ABCEGHJ-NPRSTV-Z])(?:[ -]?([0-9][ABCEGHJ-NPRSTV-Z][0-9]))?$"
)
PROVINCES = {
    "Alberta": "AB",
    "British Columbia": "BC",
    "Manitoba": "MB",
    "New Brunswick": "NB",
    "Newfoundland": "NL",
    "Newfoundland and Labrador": "NL",
    "Northwest Territories": "NT",
    "Nova Scotia": "NS",
    "Nunavut": "NU",
    "Nunavut Territory": "NU",
    "Ontario": "ON",
    "Prince Edward Island": "PE",
    "Quebec": "QC",
    "Saskatchewan": "SK",
    "Yukon": "YT",
    "Yukon Territory": "YT",
}


@dataclass(frozen=True)
class Place:
    fsa: str
    latitude: float
    longitude: float
    region: str  # province or territory code
    area: str  # the data set's English name of the area ("Outer Nunavut (Iqaluit)")


def fsa_of(postal_code: str, *, field: str = "postal_code") -> str:
    """The FSA of a postal code written any usual way ("k1a 0b1", "K1A0B1", "K1A"), or a
    bilingual error naming `field` when it is not a Canadian postal code."""
    text = (postal_code or "").strip().upper()
    if not text:
        raise InvalidInput(_("Enter a postal code."), field=field)
    if len(text) > 10:
        raise InvalidInput(_("Enter a Canadian postal code, such as K1A 0B1."), field=field)
    match = _POSTAL.match(text)
    if match is None:
        raise InvalidInput(_("Enter a Canadian postal code, such as K1A 0B1."), field=field)
    return match.group(1)


def _database_path() -> str:
    from pypostalcode.settings import db_location

    return str(db_location)


@cache
def fsa_places() -> dict[str, Place]:
    """Every FSA of the shipped data set, read once per process (about 2 ms)."""
    connection = sqlite3.connect(f"file:{_database_path()}?mode=ro", uri=True)
    try:
        rows = connection.execute(
            "SELECT fsa, city, province, latitude, longitude FROM PostalCodes"
        ).fetchall()
    finally:
        connection.close()
    return {
        fsa.upper(): Place(
            fsa=fsa.upper(),
            latitude=float(lat),
            longitude=float(lon),
            region=PROVINCES.get(province, ""),
            area=city,
        )
        for fsa, city, province, lat, lon in rows
    }


def place_of(postal_code: str, *, field: str = "postal_code") -> Place:
    """The centroid of the code's FSA; an FSA that is well formed but not in use is an error."""
    fsa = fsa_of(postal_code, field=field)
    place = fsa_places().get(fsa)
    if place is None:
        raise InvalidInput(
            _("This postal code is not in use in Canada. Check it and try again."), field=field
        )
    return place


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in kilometres (haversine)."""
    phi1, phi2 = math.radians(lat1), math.radians(lat2)
    dphi = phi2 - phi1
    dlambda = math.radians(lon2 - lon1)
    a = math.sin(dphi / 2) ** 2 + math.cos(phi1) * math.cos(phi2) * math.sin(dlambda / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(a)))
