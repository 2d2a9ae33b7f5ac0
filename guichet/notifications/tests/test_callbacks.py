"""Provider webhooks: GC Notify receipts, Twilio status callbacks, inbound STOP and START."""

import json

import pytest
from twilio.request_validator import RequestValidator

from guichet.notifications.models import Notification, SmsSuppression
from guichet.notifications.tests.conftest import queue, tasks_run
from guichet.testing.factories import case_make, client_make

pytestmark = pytest.mark.django_db

GC_URL = "/api/v1/notifications/gc-notify/callback"
TWILIO_STATUS = "/api/v1/notifications/twilio/status"
TWILIO_INBOUND = "/api/v1/notifications/twilio/inbound"
PUBLIC = "https://guichet.example.ca"
CALLBACK_TOKEN = "callback-token-for-tests"
TWILIO_TOKEN = "twilio-token-for-tests"


def sent_through(provider: str, provider_id: str, **overrides) -> Notification:
    notification = queue(**overrides)
    Notification.objects.filter(pk=notification.pk).update(
        status="sent", provider=provider, provider_id=provider_id
    )
    return Notification.objects.get(pk=notification.pk)


def gc_post(client, payload, token=CALLBACK_TOKEN):
    headers = {"HTTP_AUTHORIZATION": f"Bearer {token}"} if token is not None else {}
    return client.post(GC_URL, json.dumps(payload), content_type="application/json", **headers)


def receipt(provider_id: str, status: str = "delivered", **extra) -> dict:
    return {
        "id": provider_id,
        "reference": extra.pop("reference", None),
        "to": "+16135550100",
        "status": status,
        "status_description": status.title(),
        "provider_response": None,
        "created_at": "2026-11-27T18:00:00.000000Z",
        "completed_at": "2026-11-27T18:00:05.000000Z",
        "sent_at": "2026-11-27T18:00:01.000000Z",
        "notification_type": "sms",
        **extra,
    }


# --- GC Notify ----------------------------------------------------------------------------------


def test_gc_notify_delivered(client):
    notification = sent_through("gc_notify", "6ba7b810-9dad-11d1-80b4-00c04fd430c8")
    response = gc_post(client, receipt(notification.provider_id))
    assert response.status_code == 200 and response.json() == {"status": "delivered"}
    notification.refresh_from_db()
    assert notification.status == "delivered" and notification.provider_status == "delivered"
    assert notification.completed_at is not None


@pytest.mark.parametrize("token", [None, "wrong-token", "", "callback-token-for-test"])
def test_gc_notify_refuses_a_missing_or_wrong_token(client, token):
    notification = sent_through("gc_notify", "id-1")
    response = gc_post(client, receipt("id-1"), token=token)
    assert response.status_code == 401
    notification.refresh_from_db()
    assert notification.status == "sent"


def test_gc_notify_refuses_everything_when_no_token_is_configured(client, settings):
    settings.GC_NOTIFY_CALLBACK_TOKEN = ""
    sent_through("gc_notify", "id-1")
    assert gc_post(client, receipt("id-1"), token="").status_code == 401
    assert gc_post(client, receipt("id-1"), token="anything").status_code == 401


def test_gc_notify_unknown_id_is_404_without_detail(client):
    response = gc_post(client, receipt("not-ours"))
    assert response.status_code == 404
    assert response.content == b""


def test_gc_notify_callback_is_idempotent(client):
    notification = sent_through("gc_notify", "id-1")
    for _ in range(3):
        assert gc_post(client, receipt("id-1")).status_code == 200
    notification.refresh_from_db()
    first_completed = notification.completed_at
    # A late, contradictory report does not undo the final status.
    assert gc_post(client, receipt("id-1", status="temporary-failure")).status_code == 200
    notification.refresh_from_db()
    assert notification.status == "delivered" and notification.completed_at == first_completed


def test_gc_notify_permanent_failure_of_a_text_falls_back_to_e_mail_once(client):
    case = case_make(client=client_make(email="marie@example.ca"))
    notification = sent_through(
        "gc_notify", "id-1", case_id=case.pk, client_id=case.client_id, language="fr"
    )
    for _ in range(2):
        assert gc_post(client, receipt("id-1", status="permanent-failure")).status_code == 200
    notification.refresh_from_db()
    assert notification.status == "failed"
    fallback = Notification.objects.get(fallback_of=notification)
    assert (fallback.channel, fallback.recipient, fallback.status) == (
        "email",
        "marie@example.ca",
        "queued",
    )


def test_gc_notify_receipt_finds_a_message_whose_worker_stopped_before_recording(client):
    """The provider's id is unknown to us, but it echoes our reference: no duplicate follows."""
    notification = queue()
    Notification.objects.filter(pk=notification.pk).update(status="sending", provider="gc_notify")
    response = gc_post(client, receipt("new-id", reference=notification.reference))
    assert response.status_code == 200
    notification.refresh_from_db()
    assert (notification.status, notification.provider_id) == ("delivered", "new-id")
    assert tasks_run() == ["done"]  # the task left for it finds nothing to send


# --- Twilio -------------------------------------------------------------------------------------


def twilio_post(client, path, params, token=TWILIO_TOKEN, signature=None):
    url = f"{PUBLIC}{path}"
    signed = (
        signature
        if signature is not None
        else RequestValidator(token).compute_signature(url, params)
    )
    return client.post(path, params, HTTP_X_TWILIO_SIGNATURE=signed)


def test_twilio_status_callback_with_a_good_signature(client):
    notification = sent_through("twilio", "SM123")
    response = twilio_post(
        client, TWILIO_STATUS, {"MessageSid": "SM123", "MessageStatus": "delivered"}
    )
    assert response.status_code == 200
    notification.refresh_from_db()
    assert notification.status == "delivered"


@pytest.mark.parametrize("signature", ["", "bm90IHRoZSByaWdodCBvbmU="])
def test_twilio_status_callback_with_a_bad_signature_is_refused(client, signature):
    notification = sent_through("twilio", "SM123")
    response = twilio_post(
        client,
        TWILIO_STATUS,
        {"MessageSid": "SM123", "MessageStatus": "delivered"},
        signature=signature,
    )
    assert response.status_code == 403
    notification.refresh_from_db()
    assert notification.status == "sent"


def test_twilio_signature_with_another_token_is_refused(client):
    sent_through("twilio", "SM123")
    params = {"MessageSid": "SM123", "MessageStatus": "delivered"}
    assert twilio_post(client, TWILIO_STATUS, params, token="other").status_code == 403


def test_twilio_status_is_idempotent_and_unknown_ids_are_404(client):
    notification = sent_through("twilio", "SM123")
    params = {"MessageSid": "SM123", "MessageStatus": "undelivered", "ErrorCode": "30003"}
    assert twilio_post(client, TWILIO_STATUS, params).status_code == 200
    assert twilio_post(client, TWILIO_STATUS, params).status_code == 200
    notification.refresh_from_db()
    assert notification.status == "failed" and "30003" in notification.status_detail
    unknown = {"MessageSid": "SM999", "MessageStatus": "delivered"}
    assert twilio_post(client, TWILIO_STATUS, unknown).status_code == 404


def test_twilio_status_for_an_opted_out_number_suppresses_it(client):
    sent_through("twilio", "SM123")
    params = {
        "MessageSid": "SM123",
        "MessageStatus": "failed",
        "ErrorCode": "21610",
        "To": "+16135550100",
    }
    assert twilio_post(client, TWILIO_STATUS, params).status_code == 200
    assert SmsSuppression.objects.get(phone="+16135550100").active


@pytest.mark.parametrize(
    "body",
    [
        "STOP",
        "stop",
        "  Stop \n",
        "ARRET",
        "arrêt",
        "ARRÊT",
        "END",
        "quit",
        "UNSUBSCRIBE",
        "Cancel",
        "OPTOUT",
        "td",
    ],
)
def test_inbound_stop_words_suppress_the_number(client, body):
    response = twilio_post(client, TWILIO_INBOUND, {"From": "+16135550100", "Body": body})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/xml")
    assert b"<Response" in response.content
    assert SmsSuppression.objects.get(phone="+16135550100").active
    assert queue().status == "suppressed"  # honoured from now on


@pytest.mark.parametrize("body", ["STOP please", "hello", "", "STOPP", "START NOW"])
def test_other_replies_change_nothing(client, body):
    response = twilio_post(client, TWILIO_INBOUND, {"From": "+16135550100", "Body": body})
    assert response.status_code == 200
    assert not SmsSuppression.objects.exists()


def test_start_re_subscribes(client):
    twilio_post(client, TWILIO_INBOUND, {"From": "+16135550100", "Body": "ARRÊT"})
    assert queue(idempotency_key="1").status == "suppressed"
    response = twilio_post(client, TWILIO_INBOUND, {"From": "+16135550100", "Body": " start "})
    assert response.status_code == 200
    assert not SmsSuppression.objects.get(phone="+16135550100").active
    assert queue(idempotency_key="2").status == "queued"


def test_inbound_with_a_bad_signature_suppresses_nothing(client):
    response = twilio_post(
        client, TWILIO_INBOUND, {"From": "+16135550100", "Body": "STOP"}, signature="forged"
    )
    assert response.status_code == 403
    assert not SmsSuppression.objects.exists()


def test_inbound_refused_when_no_auth_token_is_configured(client, settings):
    settings.TWILIO_AUTH_TOKEN = ""
    response = twilio_post(
        client, TWILIO_INBOUND, {"From": "+16135550100", "Body": "STOP"}, token="x"
    )
    assert response.status_code == 403


def test_the_gc_notify_callback_is_in_the_openapi_schema(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/notifications/gc-notify/callback"]["post"]
    assert operation["security"] == [{"CallbackToken": []}]
    assert "/api/v1/notifications/twilio/inbound" not in schema["paths"]


def test_webhooks_need_no_csrf_token():
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    response = twilio_post(strict, TWILIO_INBOUND, {"From": "+16135550100", "Body": "STOP"})
    assert response.status_code == 200
    notification = sent_through("gc_notify", "id-csrf")
    assert gc_post(strict, receipt(notification.provider_id)).status_code == 200
