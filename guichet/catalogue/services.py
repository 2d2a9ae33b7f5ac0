"""Loading the service catalogue from its data file into the database."""

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext_lazy as _

from guichet.catalogue import selectors
from guichet.catalogue.models import (
    REVISION_ROW,
    CatalogueRevision,
    Service,
    ServiceCategory,
    ServiceStep,
    StepMessage,
    StepState,
    StepType,
)
from guichet.core.errors import InvalidInput

CATALOGUE_FILE = Path(__file__).resolve().parent / "data" / "catalogue.toml"
CHANNELS = {"online", "paper"}


@dataclass(frozen=True)
class LoadResult:
    step_types: int
    services: int


def _bilingual(entry: dict[str, Any], key: str, where: str) -> tuple[str, str]:
    value = entry.get(key)
    if not isinstance(value, dict) or not value.get("en") or not value.get("fr"):
        raise InvalidInput(
            _("%(where)s: %(key)s needs an English and a French text."),
            field=key,
            where=where,
            key=key,
        )
    return str(value["en"]), str(value["fr"])


def _validate(data: dict[str, Any]) -> None:
    step_codes = set()
    for entry in data.get("step_types", []):
        where = f"step_types.{entry.get('code', '?')}"
        _bilingual(entry, "name", where)
        messages = entry.get("messages", {})
        for state in StepState.values:
            _bilingual(messages, state, where)
        step_codes.add(entry["code"])
    for entry in data.get("services", []):
        where = f"services.{entry.get('code', '?')}"
        _bilingual(entry, "name", where)
        if entry.get("category") not in ServiceCategory.values:
            raise InvalidInput(_("%(where)s: unknown category."), field="category", where=where)
        channels = set(entry.get("channels", []))
        if not channels or not channels <= CHANNELS:
            raise InvalidInput(
                _("%(where)s: channels must be online, paper or both."),
                field="channels",
                where=where,
            )
        steps = entry.get("steps", [])
        unknown = [code for code in steps if code not in step_codes]
        if not steps or unknown or len(set(steps)) != len(steps):
            raise InvalidInput(
                _("%(where)s: steps must be known step types, each used once."),
                field="steps",
                where=where,
            )


@transaction.atomic
def catalogue_load(*, path: Path = CATALOGUE_FILE, using: str = "default") -> LoadResult:
    """Create or update every step type and service of the file; all or nothing."""
    with path.open("rb") as handle:
        data = tomllib.load(handle)
    _validate(data)
    step_types: dict[str, StepType] = {}
    for entry in data["step_types"]:
        name_en, name_fr = _bilingual(entry, "name", entry["code"])
        step_type, _created = StepType.objects.using(using).update_or_create(
            code=entry["code"], defaults={"name_en": name_en, "name_fr": name_fr}
        )
        step_types[step_type.code] = step_type
        for state in StepState.values:
            text_en, text_fr = _bilingual(entry["messages"], state, entry["code"])
            StepMessage.objects.using(using).update_or_create(
                step_type=step_type, state=state, defaults={"text_en": text_en, "text_fr": text_fr}
            )
    for entry in data["services"]:
        name_en, name_fr = _bilingual(entry, "name", entry["code"])
        standard = entry.get("standard") or {}
        note = standard.get("note") or {}
        service, _created = Service.objects.using(using).update_or_create(
            code=entry["code"],
            defaults={
                "name_en": name_en,
                "name_fr": name_fr,
                "category": entry["category"],
                "accepts_online": "online" in entry["channels"],
                "accepts_paper": "paper" in entry["channels"],
                "paper_linkable": bool(entry.get("paper_linkable", False)),
                "standard_days": standard.get("days"),
                "standard_share": (
                    Decimal(str(standard["share"])) if "share" in standard else None
                ),
                "standard_note_en": note.get("en", ""),
                "standard_note_fr": note.get("fr", ""),
            },
        )
        wanted = [step_types[code].pk for code in entry["steps"]]
        current = list(
            ServiceStep.objects.using(using)
            .filter(service=service)
            .order_by("position")
            .values_list("step_type_id", flat=True)
        )
        if current != wanted:
            ServiceStep.objects.using(using).filter(service=service).delete()
            ServiceStep.objects.using(using).bulk_create(
                ServiceStep(service=service, step_type_id=pk, position=i + 1)
                for i, pk in enumerate(wanted)
            )
    revision_bump(using=using)
    transaction.on_commit(selectors.catalogue_cache_clear, using=using)
    return LoadResult(step_types=len(step_types), services=len(data["services"]))


def revision_bump(*, using: str = "default") -> int:
    """Raise the catalogue's revision, so every process's cache reloads on its next check.
    Call it in the transaction of any change to services, step types or their messages."""
    revisions = CatalogueRevision.objects.using(using)
    revisions.get_or_create(pk=REVISION_ROW)
    revisions.filter(pk=REVISION_ROW).update(number=F("number") + 1)
    return revisions.get(pk=REVISION_ROW).number
