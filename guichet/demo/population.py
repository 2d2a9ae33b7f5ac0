"""Synthetic people: households with a shared family name, address and phone, and their members.

Everything comes from the caller's random.Random, so the same seed gives the same people.
"""

import bisect
import datetime as dt
import itertools
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from random import Random

from guichet.core.text import name_key
from guichet.demo import names, places


@dataclass(frozen=True)
class Person:
    family_name: str
    given_names: str
    family_key: str
    given_key: str
    date_of_birth: str  # ISO date
    age: int
    sex: str
    language: str
    phone: str
    email: str
    address_line: str
    city: str
    province: str
    postal_code: str
    country: str


@dataclass(frozen=True)
class Address:
    line: str
    city: str
    province: str
    postal_code: str
    country: str
    phone: str  # the household's number, "" abroad
    area_codes: tuple[str, ...]


def _cumulative(weights: list[float]) -> list[float]:
    return list(itertools.accumulate(weights))


_ORIGIN_CUM = _cumulative([o.weight for o in names.ORIGINS])
_CITY_CUM = _cumulative([c.weight for c in places.CITIES])
# Abroad, people mostly live where their naming tradition is common.
_COUNTRIES: dict[bool, dict[str, tuple[places.Country, ...]]] = {
    eta: {
        o.code: tuple(
            c
            for c in (places.ETA_COUNTRIES if eta else places.VISA_COUNTRIES)
            if o.code in c.origins
        )
        for o in names.ORIGINS
    }
    for eta in (True, False)
}
_KEYS: dict[str, str] = {}
_ASCII: dict[str, str] = {}


def _key(name: str) -> str:
    key = _KEYS.get(name)
    if key is None:
        key = _KEYS[name] = name_key(name)
    return key


def _ascii(name: str) -> str:
    """`Marie-Ève` -> `marie-eve`, for e-mail addresses."""
    text = _ASCII.get(name)
    if text is None:
        decomposed = unicodedata.normalize("NFKD", name)
        text = "".join(c for c in decomposed if c.isascii() and (c.isalnum() or c == "-"))
        text = _ASCII[name] = text.lower()
    return text


def _pick(rng: Random, items: Sequence[str]) -> str:
    return items[int(rng.random() * len(items))]


def phone_make(rng: Random, area_codes: tuple[str, ...]) -> str:
    """A +1 number in the 555-01xx block kept for fiction."""
    return f"+1{_pick(rng, area_codes)}55501{int(rng.random() * 100):02d}"


def _postal_code(rng: Random, fsa: str) -> str:
    letters = places.POSTAL_LETTERS
    return f"{fsa} {int(rng.random() * 10)}{_pick(rng, letters)}{int(rng.random() * 10)}"


def address_make(rng: Random, *, in_canada: bool, eta: bool, origin: str = "") -> Address:
    random = rng.random
    number = 1 + int(random() * 2_500)
    if in_canada:
        city = places.CITIES[bisect.bisect(_CITY_CUM, random() * _CITY_CUM[-1])]
        if city.french:
            street = f"{number}, {_pick(rng, places.STREETS_FR)}"
            unit = f", app. {1 + int(random() * 40)}" if random() < 0.35 else ""
        else:
            street = f"{number} {_pick(rng, places.STREETS_EN)}"
            unit = f", apt {1 + int(random() * 40)}" if random() < 0.3 else ""
        return Address(
            line=street + unit,
            city=city.name,
            province=city.province,
            postal_code=_postal_code(rng, _pick(rng, city.fsas)),
            country="CA",
            phone=phone_make(rng, city.area_codes),
            area_codes=city.area_codes,
        )
    countries = _COUNTRIES[eta].get(origin) or (
        places.ETA_COUNTRIES if eta else places.VISA_COUNTRIES
    )
    country = countries[int(random() * len(countries))]
    digits = country.postal_digits
    postal = str(10 ** (digits - 1) + int(random() * 9 * 10 ** (digits - 1))) if digits else ""
    return Address(
        line=f"{number} {country.street}",
        city=country.city,
        province="",
        postal_code=postal,
        country=country.code,
        phone="",
        area_codes=(),
    )


def origin_pick(rng: Random) -> names.Origin:
    return names.ORIGINS[bisect.bisect(_ORIGIN_CUM, rng.random() * _ORIGIN_CUM[-1])]


def _sex(rng: Random) -> str:
    r = rng.random()
    return "X" if r < 0.002 else "F" if r < 0.501 else "M"


def _given(rng: Random, origin: names.Origin, sex: str) -> str:
    pool = origin.female if sex == "F" else origin.male if sex == "M" else None
    if pool is None:
        pool = origin.female if rng.random() < 0.5 else origin.male
    first = _pick(rng, pool)
    if rng.random() < 0.15:
        second = _pick(rng, pool)
        if second != first:
            return f"{first} {second}"
    return first


def _date_of_birth(rng: Random, received_day: int, age: int) -> str:
    """Age `age` on the day the application was received (a day number since the epoch)."""
    ordinal = _EPOCH_ORDINAL + received_day - int(age * 365.25) - int(rng.random() * 365)
    return dt.date.fromordinal(ordinal).isoformat()


_EPOCH_ORDINAL = dt.date(1970, 1, 1).toordinal()


def household_make(
    rng: Random,
    *,
    size: int,
    ages: tuple[int, int],
    in_canada: bool,
    eta: bool,
    received: int,
) -> list[Person]:
    """A principal applicant, then a spouse or partner, then children, sharing an address."""
    random = rng.random
    origin = origin_pick(rng)
    language = "fr" if random() < origin.french_share else "en"
    address = address_make(rng, in_canada=in_canada, eta=eta, origin=origin.code)
    family = _pick(rng, origin.family)
    received_day = received // 86_400
    low, high = ages
    principal_age = low + int(random() * (high - low + 1))
    if size > 1 and principal_age < 20:
        principal_age = 20 + int(random() * 20)
    people: list[Person] = []
    spouse_family = family
    for member in range(size):
        sex = _sex(rng)
        member_family = family
        if member == 0:
            age = principal_age
        elif member == 1 and high >= 25:
            age = max(18, principal_age - 6 + int(random() * 12))
            if random() < origin.spouse_keeps_name:
                member_family = spouse_family = _pick(rng, origin.family)
        else:
            age = int(random() * min(18, max(1, principal_age - 19)))
            if spouse_family != family and random() < origin.double_barrelled * 4:
                member_family = f"{family}-{spouse_family}"
        given = _given(rng, origin, sex)
        adult = age >= 18
        phone = ""
        if address.phone and adult:
            phone = (
                address.phone
                if member == 0 or random() < 0.5
                else phone_make(rng, address.area_codes)
            )
        email = ""
        if adult and random() < 0.92:
            local = f"{_ascii(given.split()[0])}.{_ascii(member_family)}"
            number = int(random() * 100)
            email = f"{local}{number if number > 9 else ''}@{_pick(rng, names.EMAIL_DOMAINS)}"
        people.append(
            Person(
                family_name=member_family,
                given_names=given,
                family_key=_key(member_family),
                given_key=_key(given),
                date_of_birth=_date_of_birth(rng, received_day, age),
                age=age,
                sex=sex,
                language=language,
                phone=phone,
                email=email,
                address_line=address.line,
                city=address.city,
                province=address.province,
                postal_code=address.postal_code,
                country=address.country,
            )
        )
    return people
