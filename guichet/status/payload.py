"""The status as the public API gives it, as JSON bytes: what the status documents store.

`status_payload_bytes(view)` is the API's answer for a status view, byte for byte. A stored
document is the same answer rendered without the client's estimate, whose slot is the last
key: `document_compose(body, estimate)` puts the estimate read at look-up time in its place,
so a forecast run (which replaces every estimate) or the passing of an estimate's date never
makes a stored document stale (ADR 0019).

PAYLOAD_VERSION names the shape of the answer: raise it whenever status_payload changes.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.utils import timezone

from guichet.status.types import CaseStatusView, DecisionEstimate

PAYLOAD_VERSION = 1
_NO_ESTIMATE = b"null}"


def status_payload(view: CaseStatusView) -> dict[str, Any]:
    """The status view as the API gives it: dates in Canada's Eastern time, like the pages.
    The estimate is the last key (document_compose relies on it)."""
    zone = timezone.get_current_timezone()  # once, not for each of the dates below

    def local(value: dt.datetime) -> dt.datetime:
        return timezone.localtime(value, zone)

    return {
        "application_number": view.application_number,
        "language": view.language,
        "service": {"code": view.service_code, "name": view.service_name},
        "received_on": local(view.received_at).date(),
        "status": view.status,
        "steps": [
            {
                "code": s.code,
                "name": s.name,
                "state": s.state,
                "state_label": s.state_label,
                "message": s.message,
                "updated_on": local(s.updated_at).date(),
                "is_current": s.is_current,
            }
            for s in view.steps
        ],
        "history": [
            {
                "at": local(h.at),
                "step": h.step_code,
                "step_name": h.step_name,
                "state": h.state,
                "message": h.message,
                "note": h.note,
            }
            for h in view.history
        ],
        "decision": None
        if view.decision is None
        else {
            "outcome": view.decision.outcome,
            "outcome_label": view.decision.outcome_label,
            "decided_on": local(view.decision.decided_at).date(),
        },
        "estimate": estimate_payload(view.estimate),
    }


def estimate_payload(estimate: DecisionEstimate | None) -> dict[str, Any] | None:
    if estimate is None:
        return None
    return {
        "most_by": estimate.most_by,
        "likely_by": estimate.likely_by,
        "as_of": estimate.as_of,
        "open_ended": estimate.open_ended,
    }


def _dumps(value: object) -> bytes:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False).encode()


def status_payload_bytes(view: CaseStatusView) -> bytes:
    """The API's answer for this view (UTF-8 JSON)."""
    return _dumps(status_payload(view))


def document_body(view: CaseStatusView) -> bytes:
    """What a status document stores: the answer for this view without its estimate."""
    if view.estimate is not None:
        raise ValueError("A status document is rendered without the estimate.")
    body = status_payload_bytes(view)
    if not body.endswith(_NO_ESTIMATE):  # the estimate's slot is the last key
        raise ValueError("The estimate must be the last key of the status payload.")
    return body


def document_compose(body: bytes, estimate: DecisionEstimate | None) -> bytes:
    """The API's answer from a stored document and the estimate read with it."""
    if estimate is None:
        return body
    return body[: -len(_NO_ESTIMATE)] + _dumps(estimate_payload(estimate)) + b"}"
