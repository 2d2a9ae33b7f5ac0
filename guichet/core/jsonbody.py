"""Reading a JSON request body and its text safely, for every API endpoint.

- `json_object_parse`: the body as a JSON object, or an InvalidInput naming `body`. A body
  nested too deeply (Python's parser raises RecursionError, which was a 500) and a body
  nested deeper than MAX_DEPTH (walked without recursion) are refused alike.
- `text_check`: refuses text that no database column can hold or that no person typed: NUL
  (PostgreSQL refuses it, so the write crashed), lone surrogates (not encodable as UTF-8, so
  every write crashed) and other control characters except tab and line breaks.
"""

from __future__ import annotations

import json
import re
from typing import Any

from django.utils.translation import gettext_lazy as _

from guichet.core.errors import InvalidInput

MAX_DEPTH = 32
# NUL and the C0 controls but tab, LF and CR; DEL and the C1 controls; lone surrogates.
FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\ud800-\udfff]")


def _depth(value: Any) -> int:
    deepest = 0
    stack: list[tuple[Any, int]] = [(value, 1)]
    while stack:
        node, depth = stack.pop()
        if isinstance(node, dict | list):
            deepest = max(deepest, depth)
            if depth > MAX_DEPTH:
                return depth
            children = node.values() if isinstance(node, dict) else node
            stack.extend((child, depth + 1) for child in children)
    return deepest


def json_parse(raw: bytes | str) -> Any:
    """Any JSON value (at most MAX_DEPTH deep), or an InvalidInput naming `body`."""
    not_json = InvalidInput(_("The request body must be a JSON object."), field="body")
    try:
        value = json.loads(raw or b"null")
    except RecursionError:
        value = None
        too_deep = True
    except (ValueError, UnicodeDecodeError):
        raise not_json from None
    else:
        too_deep = _depth(value) > MAX_DEPTH
    if too_deep:
        raise InvalidInput(
            _("The request body is nested too deeply: at most %(depth)s levels."),
            field="body",
            depth=MAX_DEPTH,
        )
    return value


def json_object_parse(raw: bytes | str) -> dict[str, Any]:
    """The body as a JSON object, or an InvalidInput naming `body`."""
    value = json_parse(raw)
    if not isinstance(value, dict):
        raise InvalidInput(_("The request body must be a JSON object."), field="body")
    return value


def text_has_forbidden(value: str) -> bool:
    return FORBIDDEN.search(value) is not None


def text_check(value: str, *, field: str) -> str:
    """`value` unchanged, or an InvalidInput naming `field` if it holds a forbidden character."""
    if text_has_forbidden(value):
        raise InvalidInput(
            _("This field contains a character that is not allowed (a control character)."),
            field=field,
        )
    return value
