"""Application numbers and UCIs: formats, Luhn check digits, parsing of what people type.

Application number: a letter (E online, P paper) and 9 digits, an 8-digit serial then a Luhn
check digit over it. The serial is unique across both letters, so the digits alone identify a
case (the phone line cannot key a letter). UCI: 9 digits then a Luhn check digit, shown as
00-0000-0000.
"""

import re
import secrets
from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _
from stdnum import luhn

from guichet.core.errors import InvalidInput

ONLINE = "E"
PAPER = "P"
SERIAL_MIN = 10_000_000  # 8 digits, no leading zero, so a number never loses a digit in a sheet
SERIAL_MAX = 99_999_999
UCI_BASE_MIN = 100_000_000
UCI_BASE_MAX = 999_999_999
_NOISE = re.compile(r"[\s\-.]")


@dataclass(frozen=True)
class ApplicationNumber:
    letter: str | None  # None when only the digits were given (phone line)
    serial: int

    @property
    def digits(self) -> str:
        return f"{self.serial}{luhn.calc_check_digit(str(self.serial))}"

    def __str__(self) -> str:
        return f"{self.letter or ''}{self.digits}"


def application_number_make(letter: str, serial: int) -> str:
    if letter not in (ONLINE, PAPER) or not SERIAL_MIN <= serial <= SERIAL_MAX:
        raise ValueError("letter must be E or P and serial 8 digits")
    return str(ApplicationNumber(letter, serial))


def application_number_parse(value: str, *, field: str = "application_number") -> ApplicationNumber:
    """Parse `P123456782`, `p 1234 5678 2` or `123456782`; raise a named error otherwise."""
    text = _NOISE.sub("", value or "").upper()
    letter: str | None = None
    if text[:1] in (ONLINE, PAPER):
        letter, text = text[0], text[1:]
    if not re.fullmatch(r"\d{9}", text):
        raise InvalidInput(
            _("An application number is the letter E or P followed by 9 digits."), field=field
        )
    if not luhn.is_valid(text):
        raise InvalidInput(
            _("This application number is not valid: please check the digits."), field=field
        )
    serial = int(text[:8])
    if serial < SERIAL_MIN:
        raise InvalidInput(
            _("This application number is not valid: please check the digits."), field=field
        )
    return ApplicationNumber(letter, serial)


def serial_random() -> int:
    """A serial nobody can guess from another (numbers must not reveal who has applied)."""
    return SERIAL_MIN + secrets.randbelow(SERIAL_MAX - SERIAL_MIN + 1)


def uci_make(base: int) -> str:
    if not UCI_BASE_MIN <= base <= UCI_BASE_MAX:
        raise ValueError("a UCI base has 9 digits")
    return f"{base}{luhn.calc_check_digit(str(base))}"


def uci_random() -> str:
    return uci_make(UCI_BASE_MIN + secrets.randbelow(UCI_BASE_MAX - UCI_BASE_MIN + 1))


def uci_parse(value: str, *, field: str = "uci") -> str:
    """Accept `00-0000-0000`, spaces or plain digits; return the 10 digits."""
    text = _NOISE.sub("", value or "")
    if not re.fullmatch(r"\d{10}", text):
        raise InvalidInput(_("A UCI has 10 digits, written 00-0000-0000."), field=field)
    if not luhn.is_valid(text) or text[0] == "0":
        raise InvalidInput(_("This UCI is not valid: please check the digits."), field=field)
    return text


def uci_format(uci: str) -> str:
    return f"{uci[:2]}-{uci[2:6]}-{uci[6:]}"
