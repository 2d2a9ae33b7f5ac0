"""Rendered figures, kept per process for as long as their snapshot is the newest.

The figures of a page depend only on the snapshot, the language and the service chosen, so
they are rendered once and reused: a page then costs its shell (sign-in, forms, targets) and
one small query to learn the newest snapshot's id. Bounded, least recently used first out.
"""

from collections import OrderedDict
from collections.abc import Callable

from django.utils.safestring import SafeString, mark_safe

_MAX = 128
_fragments: OrderedDict[tuple[object, ...], SafeString] = OrderedDict()


def fragment_get(key: tuple[object, ...], render: Callable[[], str]) -> SafeString:
    cached = _fragments.get(key)
    if cached is not None:
        _fragments.move_to_end(key)
        return cached
    fragment = mark_safe(render())  # noqa: S308 - rendered by our own autoescaping templates
    _fragments[key] = fragment
    while len(_fragments) > _MAX:
        _fragments.popitem(last=False)
    return fragment


def fragments_clear() -> None:
    _fragments.clear()
