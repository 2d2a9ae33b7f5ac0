"""The version of the status renderer: which stored documents this process may serve.

A stored status document is valid only for the renderer that wrote it. Besides the case's own
rows, a rendered status depends on the payload's shape (PAYLOAD_VERSION), the catalogue's names
and sentences, the status module's own sentences and labels in English and French (gettext
catalogues) and the time zone its dates are given in. The version is a digest of all of them,
computed once per process and catalogue revision: a deploy or a catalogue load that changes
any of them changes the version, and until `manage.py status_readmodel --rebuild` has
re-rendered the documents, the look-up falls back to the selector for each case whose
document carries another version (ADR 0019). A catalogue load that changes nothing keeps it.
"""

from __future__ import annotations

import hashlib
import json

from django.conf import settings

from guichet.cases.models import Decision
from guichet.catalogue.models import StepState
from guichet.catalogue.selectors import Catalogue, catalogue_get
from guichet.status import messages
from guichet.status.payload import PAYLOAD_VERSION

LANGUAGES = ("en", "fr")
_cache: dict[str, tuple[Catalogue, str]] = {}


def _texts(catalogue: Catalogue) -> list[object]:
    texts: list[object] = [PAYLOAD_VERSION, settings.TIME_ZONE]
    for language in LANGUAGES:
        texts.append(messages.text(messages.RECEIVED, language))
        texts += [messages.text(m, language) for _k, m in sorted(messages.DECISIONS.items())]
        texts += [messages.text(label, language) for _v, label in StepState.choices]
        texts += [messages.text(label, language) for _v, label in Decision.choices]
    for pk, step_type in sorted(catalogue.step_types.items()):
        texts.append([pk, step_type.code, step_type.name_en, step_type.name_fr, step_type.messages])
    for pk, service in sorted(catalogue.services.items()):
        texts.append([pk, service.code, service.name("en"), service.name("fr")])
    return texts


def renderer_version() -> str:
    """This process's renderer version (no query while the catalogue is cached)."""
    catalogue = catalogue_get()
    cached = _cache.get("version")
    if cached is not None and cached[0] is catalogue:
        return cached[1]
    digest = hashlib.sha256(
        json.dumps(_texts(catalogue), ensure_ascii=False, sort_keys=True, default=str).encode()
    ).hexdigest()[:16]
    version = f"{PAYLOAD_VERSION}.{digest}"
    _cache["version"] = (catalogue, version)
    return version
