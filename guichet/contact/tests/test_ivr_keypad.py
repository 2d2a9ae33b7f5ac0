"""The family name keyed on the telephone keypad (ITU E.161 letters), as the web folds names."""

import pytest

from guichet.contact.ivr.keypad import keypad_digits


def test_every_letter_is_on_its_e161_key():
    assert keypad_digits("abcdefghijklmnopqrstuvwxyz", letters=26) == ("22233344455566677778889999")


@pytest.mark.parametrize(
    ("name", "keys"),
    [
        ("Tremblay", "873"),
        ("TREMBLAY", "873"),
        ("Gagné", "424"),
        ("Ça-Ira", "224"),  # cedilla folded, hyphen skipped
        ("Øberg", "623"),  # letters without separable accents transliterated
        ("D'Amour", "326"),
        ("Li", "54"),  # shorter than 3 letters: every letter
        ("", ""),
        ("X", "9"),
    ],
)
def test_names_are_folded_then_keyed(name, keys):
    assert keypad_digits(name) == keys
