"""French typography in the catalogues: what `check_translations` refuses, and how to fix it.

The rules (Office québécois de la langue française, and the Canada.ca French style):
- a no-break space (U+00A0, or the narrow U+202F) before : ; ! ? and before a percent sign;
- « and » with a no-break space inside;
- one apostrophe: the straight one ('), which every keyboard types and which fits in a GSM-7
  text message (the typographic ’ would turn an SMS into UCS-2 and halve its length);
- one term per thing: « message texte » (not texto), « cellulaire » (not mobile).

Only the text a reader sees is checked: HTML tags, web addresses, placeholders (%(name)s,
{name}) and clock times (10:30) are left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

NBSP = "\u00a0"
NO_BREAK = "\u00a0\u202f"

# Spans that are not prose: tags, addresses, placeholders, times, and %-escapes.
_SKIP = re.compile(
    r"<[^>]*>"  # an HTML tag and its attributes
    r"|\b(?:https?|mailto|tel):[^\s<>\"]*"  # an address
    r"|%(?:\([^)]*\))?[#0+-]*\d*(?:\.\d+)?[diouxXeEfFgGcrsa]"  # %(name)s, %s
    r"|\{[^{}\s]*\}"  # {name}
    r"|\b\d{1,2}:\d{2}\b"  # 10:30
)
_DOUBLE_PUNCTUATION = re.compile(r"([^\s\u00a0\u202f]|^)[ \t]*([:;!?])")
_PERCENT = re.compile(r"(\d|\)s)[ \t]*(%%|%)")
_OPEN_QUOTE = re.compile(r"«(?![\u00a0\u202f])[ \t]*")
_CLOSE_QUOTE = re.compile(r"[ \t]*(?<![\u00a0\u202f])»")
_TERMS = {
    re.compile(r"\btextos?\b", re.IGNORECASE): "message texte",
    re.compile(r"\bmobiles?\b", re.IGNORECASE): "cellulaire",
}
_PLACEHOLDER_THEN_PERCENT = re.compile(r"(%\([^)]*\)[a-z])[ \t]*(%%)")


def _prose(text: str, change: Callable[[str], str]) -> str:
    """Apply `change` to the prose between the spans that are not prose."""
    out: list[str] = []
    last = 0
    for match in _SKIP.finditer(text):
        out.append(change(text[last : match.start()]))
        out.append(match.group(0))
        last = match.end()
    out.append(change(text[last:]))
    return "".join(out)


def _typeset(prose: str) -> str:
    def before_mark(match: re.Match[str]) -> str:
        # At the start of a piece of prose the mark follows a placeholder or a tag
        # ("%(label)s :"), which needs the space as much as a word does.
        return f"{match.group(1)}{NBSP}{match.group(2)}"

    prose = _DOUBLE_PUNCTUATION.sub(before_mark, prose)
    prose = _PERCENT.sub(lambda m: f"{m.group(1)}{NBSP}{m.group(2)}", prose)
    prose = _OPEN_QUOTE.sub("«" + NBSP, prose)
    prose = _CLOSE_QUOTE.sub(NBSP + "»", prose)
    return prose.replace("\u2019", "'")


def french_typeset(text: str) -> str:
    """`text` with the spacing and apostrophe rules applied (terms are not rewritten: a
    person chooses the sentence)."""
    text = _PLACEHOLDER_THEN_PERCENT.sub(lambda m: f"{m[1]}{NBSP}{m[2]}", text)
    return _prose(text, _typeset)


def typography_problems(text: str) -> list[str]:
    """Why `text` breaks the French rules, one reason each; empty when it does not."""
    problems: list[str] = []
    if french_typeset(text) != text:
        problems.append(
            "French typography: a no-break space before : ; ! ? % and inside « », and the "
            "straight apostrophe (manage.py check_translations --fix-typography applies them)"
        )
    prose = _SKIP.sub(" ", text)
    for pattern, term in _TERMS.items():
        match = pattern.search(prose)
        if match:
            problems.append(f"French term: write « {term} », not « {match.group(0)} »")
    return problems
