"""Webhooks from the providers, under /api/v1/notifications/.

- `POST gc-notify/callback`: GC Notify's delivery receipts, with the bearer token we gave it
  (GC_NOTIFY_CALLBACK_TOKEN, compared in constant time). Idempotent by the provider's id; an
  unknown id is 404, without detail.
- `POST twilio/status`: Twilio's status callbacks; `POST twilio/inbound`: text messages from
  clients (STOP, ARRÊT, … and START). Both must carry a valid X-Twilio-Signature for
  TWILIO_AUTH_TOKEN and the public address Twilio called; otherwise 403.
"""

import contextlib
import hmac
from typing import Annotated, Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from ninja import Field, Router, Schema
from ninja.security import HttpBearer
from pydantic import AfterValidator
from twilio.request_validator import RequestValidator
from twilio.twiml.messaging_response import MessagingResponse

from guichet.core.errors import InvalidInput
from guichet.core.jsonbody import text_has_forbidden
from guichet.notifications.models import SuppressionSource
from guichet.notifications.providers import twilio_webhook_url
from guichet.notifications.services import (
    inbound_sms_handle,
    notification_status_report,
    suppression_add,
)

router = Router(tags=["notifications"])
UNSUBSCRIBED = "21610"


class CallbackToken(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> bool | None:
        expected = str(settings.GC_NOTIFY_CALLBACK_TOKEN)
        if expected and hmac.compare_digest(token.encode(), expected.encode()):
            return True
        return None


def _printable(value: str | None) -> str | None:
    """Refuses NUL, lone surrogates and other control characters (they crashed the write)."""
    if value is not None and text_has_forbidden(value):
        raise ValueError("a character that is not allowed (a control character)")
    return value


Printable = Annotated[str, AfterValidator(_printable)]


class GcNotifyReceipt(Schema):
    """The fields of GC Notify's callback that we use (it sends more)."""

    id: Printable = Field(
        min_length=1,
        max_length=100,
        description="GC Notify's id of the notification (a UUID).",
        examples=["740e5834-3a29-46b4-9a6f-16142fde533a"],
    )
    status: Printable = Field(
        pattern=r"^[a-z][a-z-]{0,39}$",
        description="delivered, permanent-failure, temporary-failure, technical-failure, …",
        examples=["delivered"],
    )
    reference: Printable | None = Field(default=None, max_length=255)
    notification_type: Printable | None = Field(default=None, max_length=20)
    status_description: Printable | None = Field(default=None, max_length=500)
    provider_response: Printable | None = Field(default=None, max_length=1000)


class Received(Schema):
    status: str


class ErrorOut(Schema):
    code: str
    field: str | None
    message: dict[str, str]


class DetailOut(Schema):
    detail: str


@router.post(
    "/gc-notify/callback",
    auth=CallbackToken(),
    response={
        200: Received,
        400: ErrorOut,
        401: DetailOut,
        404: None,
        413: ErrorOut,
        422: ErrorOut,
    },
    url_name="notifications_gc_notify_callback",
    summary="GC Notify delivery receipt",
    description=(
        "200 with the notification's status; 400 when the body is not a JSON object; 401 "
        "without the callback token; 404 (no body) for an id we never sent; 422 names the "
        "field that does not fit its schema."
    ),
)
def gc_notify_callback(request: HttpRequest, payload: GcNotifyReceipt) -> Any:
    notification = notification_status_report(
        provider="gc_notify",
        provider_id=payload.id,
        provider_status=payload.status,
        reference=payload.reference or "",
        detail=f"GC Notify: {payload.status}",
    )
    if notification is None:
        return HttpResponse(status=404)
    return {"status": notification.status}


def _twilio_signed(request: HttpRequest, path: str) -> bool:
    token = str(settings.TWILIO_AUTH_TOKEN)
    signature = request.headers.get("X-Twilio-Signature", "")
    if not token or not signature:
        return False
    url = twilio_webhook_url(path)
    if request.META.get("QUERY_STRING"):
        url = f"{url}?{request.META['QUERY_STRING']}"
    params = {key: request.POST.get(key, "") for key in request.POST}
    return bool(RequestValidator(token).validate(url, params, signature))


@router.post(
    "/twilio/status",
    url_name="notifications_twilio_status",
    summary="Twilio status callback",
    include_in_schema=False,
)
def twilio_status(request: HttpRequest) -> HttpResponse:
    if not _twilio_signed(request, "twilio/status"):
        return HttpResponse(status=403)
    sid = request.POST.get("MessageSid", "")
    status = request.POST.get("MessageStatus", "")
    error_code = request.POST.get("ErrorCode", "")
    if not sid or not status:
        return HttpResponse(status=400)
    if error_code == UNSUBSCRIBED:  # the number had replied STOP: Twilio will not text it
        with contextlib.suppress(InvalidInput):
            suppression_add(phone=request.POST.get("To", ""), source=SuppressionSource.PROVIDER)
    notification = notification_status_report(
        provider="twilio",
        provider_id=sid,
        provider_status=status,
        detail=f"Twilio: {status}" + (f" (error {error_code})" if error_code else ""),
    )
    if notification is None:
        return HttpResponse(status=404)
    return HttpResponse(status=200)


@router.post(
    "/twilio/inbound",
    url_name="notifications_twilio_inbound",
    summary="Twilio inbound text message",
    include_in_schema=False,
)
def twilio_inbound(request: HttpRequest) -> HttpResponse:
    if not _twilio_signed(request, "twilio/inbound"):
        return HttpResponse(status=403)
    inbound_sms_handle(sender=request.POST.get("From", ""), body=request.POST.get("Body", ""))
    # Twilio's own opt-out handling answers STOP and START; we add no reply of our own.
    return HttpResponse(str(MessagingResponse()), content_type="text/xml")
