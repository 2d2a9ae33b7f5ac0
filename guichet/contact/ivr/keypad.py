"""Letters keyed on a telephone keypad (ITU E.161: 2 = ABC, 3 = DEF … 7 = PQRS … 9 = WXYZ).

The phone line asks for the first letters of the family name this way: one key per letter,
the key that shows it. Names are folded first as the web compares them (core.text.name_key:
no case, accents, spaces, hyphens or apostrophes; ł, ø… transliterated), so `Gagné`,
`GAGNE` and `Ga-gne` all key 4 2 4.
"""

from guichet.core.text import name_key

NAME_LETTERS = 3  # how many letters of the family name the caller keys

_KEYS = {
    letter: key
    for key, letters in {
        "2": "abc",
        "3": "def",
        "4": "ghi",
        "5": "jkl",
        "6": "mno",
        "7": "pqrs",
        "8": "tuv",
        "9": "wxyz",
    }.items()
    for letter in letters
}


def keypad_digits(name: str, *, letters: int = NAME_LETTERS) -> str:
    """The keys of the first `letters` letters of `name` (all of them when it is shorter).
    Anything that is not a letter once folded (a digit, a stray symbol) is skipped."""
    keys = [_KEYS[c] for c in name_key(name) if c in _KEYS]
    return "".join(keys[:letters])
