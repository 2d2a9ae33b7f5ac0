"""Reading the catalogue. It is small and changes only on load, so each process caches it."""

from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils.translation import gettext_lazy as _

from guichet.catalogue.models import Service, ServiceStep, StepMessage, StepType
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


@dataclass(frozen=True)
class Catalogue:
    step_types: dict[int, StepTypeInfo]
    step_types_by_code: dict[str, StepTypeInfo]
    services: dict[int, Service]
    services_by_code: dict[str, Service]
    service_steps: dict[int, list[int]]  # service id -> ordered step type ids


_cache: dict[str, Catalogue] = {}


def catalogue_cache_clear() -> None:
    _cache.clear()


def catalogue_get() -> Catalogue:
    """The whole catalogue, read once per process (three queries) and then kept."""
    cached = _cache.get("catalogue")
    if cached is not None:
        return cached
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
        step_types=step_types,
        step_types_by_code={st.code: st for st in step_types.values()},
        services=services,
        services_by_code={s.code: s for s in services.values()},
        service_steps={
            s.pk: [step.step_type_id for step in s.steps.all()] for s in services.values()
        },
    )
    _cache["catalogue"] = catalogue
    return catalogue


def service_get(*, code: str, field: str = "service_code") -> Service:
    service = catalogue_get().services_by_code.get(code)
    if service is None:
        raise NotFound(_("There is no service with the code “%(code)s”."), field=field, code=code)
    return service


def service_list() -> list[Service]:
    return sorted(catalogue_get().services.values(), key=lambda s: s.code)
