"""Reading the catalogue. It is small and changes only on load, so each process caches it.

The cache is versioned by CatalogueRevision, whose number every load raises: a look-up that
misses (a service added by a deploy after this process filled its cache) reads the number
(one query) and reloads if it moved, and so does the first read after CATALOGUE_CHECK_SECONDS.
A hit inside that interval costs no query.
"""

import time
from dataclasses import dataclass
from typing import Any, TypeVar

from django.conf import settings
from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from guichet.catalogue.models import (
    REVISION_ROW,
    CatalogueRevision,
    Service,
    ServiceStep,
    StepMessage,
    StepType,
)
from guichet.core.errors import NotFound


@dataclass(frozen=True)
class StepTypeInfo:
    id: int
    code: str
    name_en: str
    name_fr: str
    messages: dict[str, tuple[str, str]]  # state -> (en, fr)

    def name(self, language: str) -> str:
        return self.name_fr if language == "fr" else self.name_en

    def message(self, state: str, language: str) -> str:
        en, fr = self.messages[state]
        return fr if language == "fr" else en


K = TypeVar("K")
V = TypeVar("V")


class _Index(dict[K, V]):
    """A catalogue index that, on a miss, checks whether the catalogue changed and, if it did,
    answers from the reloaded one: a new service is found without restarting the process."""

    def __init__(self, name: str, items: dict[K, V]) -> None:
        super().__init__(items)
        self._name = name

    def __missing__(self, key: K) -> V:
        fresh = _reload_if_changed()
        if fresh is None:
            raise KeyError(key)
        index: dict[K, V] = getattr(fresh, self._name)
        if key not in index:
            raise KeyError(key)
        return dict.__getitem__(index, key)

    def get(self, key: K, default: Any = None) -> Any:  # type: ignore[override]
        try:
            return self[key]
        except KeyError:
            return default


@dataclass(frozen=True)
class Catalogue:
    step_types: dict[int, StepTypeInfo]
    step_types_by_code: dict[str, StepTypeInfo]
    services: dict[int, Service]
    services_by_code: dict[str, Service]
    service_steps: dict[int, list[int]]  # service id -> ordered step type ids
    revision: int = 0


_cache: dict[str, Catalogue] = {}
_checked_at: dict[str, float] = {}


def catalogue_cache_clear() -> None:
    _cache.clear()
    _checked_at.clear()


def catalogue_revision() -> int:
    """The number of the catalogue in the database (0 before the first load)."""
    number = (
        CatalogueRevision.objects.filter(pk=REVISION_ROW).values_list("number", flat=True).first()
    )
    return number or 0


def _reload_if_changed() -> Catalogue | None:
    """Reload when the database holds another revision than the cache; None if it does not."""
    cached = _cache.get("catalogue")
    _checked_at["catalogue"] = time.monotonic()
    if cached is not None and catalogue_revision() == cached.revision:
        return None
    _cache.pop("catalogue", None)
    return catalogue_get()


def catalogue_get() -> Catalogue:
    """The whole catalogue, read once per process (four queries) and then kept; re-checked
    against the database's revision on a miss and every CATALOGUE_CHECK_SECONDS."""
    cached = _cache.get("catalogue")
    if cached is not None:
        interval = getattr(settings, "CATALOGUE_CHECK_SECONDS", 60)
        checked = _checked_at.get("catalogue", 0.0)
        if not interval or time.monotonic() - checked < interval:
            return cached
        return _reload_if_changed() or cached
    revision = catalogue_revision()
    messages: dict[int, dict[str, tuple[str, str]]] = {}
    for message in StepMessage.objects.all():
        messages.setdefault(message.step_type_id, {})[message.state] = (
            message.text_en,
            message.text_fr,
        )
    step_types = {
        st.pk: StepTypeInfo(st.pk, st.code, st.name_en, st.name_fr, messages.get(st.pk, {}))
        for st in StepType.objects.all()
    }
    services = {
        s.pk: s
        for s in Service.objects.prefetch_related(
            Prefetch("steps", queryset=ServiceStep.objects.order_by("position"))
        )
    }
    catalogue = Catalogue(
        step_types=_Index("step_types", step_types),
        step_types_by_code=_Index(
            "step_types_by_code", {st.code: st for st in step_types.values()}
        ),
        services=_Index("services", services),
        services_by_code=_Index("services_by_code", {s.code: s for s in services.values()}),
        service_steps=_Index(
            "service_steps",
            {s.pk: [step.step_type_id for step in s.steps.all()] for s in services.values()},
        ),
        revision=revision,
    )
    _cache["catalogue"] = catalogue
    _checked_at["catalogue"] = time.monotonic()
    return catalogue


def service_get(*, code: str, field: str = "service_code") -> Service:
    service = catalogue_get().services_by_code.get(code)
    if service is None:
        raise NotFound(_("There is no service with the code “%(code)s”."), field=field, code=code)
    return service


def service_list() -> list[Service]:
    return sorted(catalogue_get().services.values(), key=lambda s: s.code)
