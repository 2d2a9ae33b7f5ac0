import random

import pytest
from stdnum import luhn

from guichet.core.errors import InvalidInput
from guichet.core.identifiers import (
    application_number_make,
    application_number_parse,
    uci_format,
    uci_make,
    uci_parse,
)


def test_application_number_round_trip():
    number = application_number_make("P", 12345678)
    assert number == "P" + "12345678" + luhn.calc_check_digit("12345678")
    parsed = application_number_parse(number)
    assert (parsed.letter, parsed.serial) == ("P", 12345678)
    assert str(parsed) == number


@pytest.mark.parametrize("typed", ["p 1234-5678 2", " P123456782 ", "p123456782"])
def test_application_number_accepts_what_people_type(typed):
    assert application_number_parse(typed).serial == 12345678


def test_digits_alone_identify_a_case():
    parsed = application_number_parse("123456782")
    assert parsed.letter is None and parsed.serial == 12345678


@pytest.mark.parametrize("bad", ["", "P12345678", "X123456782", "P1234567823", "P12345678a"])
def test_malformed_application_numbers_name_the_field(bad):
    with pytest.raises(InvalidInput) as error:
        application_number_parse(bad)
    assert error.value.field == "application_number"
    assert error.value.bilingual()["fr"] != error.value.bilingual()["en"]


def _sample_numbers(n=300):
    rng = random.Random(7)
    return [application_number_make("E", rng.randint(10_000_000, 99_999_999)) for _ in range(n)]


def test_every_single_digit_error_is_caught():
    for number in _sample_numbers():
        digits = number[1:]
        for i in range(9):
            for d in "0123456789":
                if d == digits[i]:
                    continue
                typo = digits[:i] + d + digits[i + 1 :]
                with pytest.raises(InvalidInput):
                    application_number_parse("E" + typo)


def test_every_adjacent_transposition_is_caught_except_09_90():
    blind_spots = 0
    for number in _sample_numbers():
        digits = number[1:]
        for i in range(8):
            a, b = digits[i], digits[i + 1]
            if a == b:
                continue
            swapped = digits[:i] + b + a + digits[i + 2 :]
            if {a, b} == {"0", "9"}:
                blind_spots += 1  # Luhn's known blind spot: 09 <-> 90 keeps the sum.
                continue
            with pytest.raises(InvalidInput):
                application_number_parse("E" + swapped)
    assert blind_spots > 0  # the sample did exercise the exception


def test_uci_check_digit_and_format():
    uci = uci_make(123456789)
    assert uci_parse(uci_format(uci)) == uci
    assert uci_format(uci) == f"{uci[:2]}-{uci[2:6]}-{uci[6:]}"
    wrong = uci[:-1] + str((int(uci[-1]) + 1) % 10)
    with pytest.raises(InvalidInput) as error:
        uci_parse(wrong)
    assert error.value.field == "uci"
