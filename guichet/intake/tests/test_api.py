"""POST /api/v1/mailroom/receipts: one package, one case, one confirmation, whatever happens."""

from __future__ import annotations

import pytest

from guichet.cases.models import Case
from guichet.clients.models import Client as ClientRecord
from guichet.core.models import ApiToken, AuditRecord
from guichet.core.roles import OFFICER
from guichet.core.services import api_token_create, api_token_revoke
from guichet.intake.models import PaperReceipt
from guichet.intake.tests.conftest import post_receipt, receipt_body
from guichet.notifications.models import Notification
from guichet.testing.factories import staff_make

pytestmark = pytest.mark.django_db


def test_a_new_package_opens_a_paper_case_and_queues_the_confirmation(client, token, clerk):
    body = receipt_body()
    response = post_receipt(client, body, token)

    assert response.status_code == 201, response.content
    number = response.json()["application_number"]
    assert number.startswith("P") and len(number) == 10
    case = Case.objects.select_related("client", "service").get(application_number=number)
    assert case.channel == "paper" and case.service.code == "spouse-in-canada"
    assert case.client.phone == "+16135550100"  # E.164
    assert case.client.preferred_language == "fr"
    assert case.received_at.isoformat() == "2026-01-15T14:30:00+00:00"
    receipt = PaperReceipt.objects.get(package_barcode=body["package_barcode"])
    assert receipt.case == case and receipt.registered_by == clerk and receipt.source == "api"

    sent = {n.channel: n for n in Notification.objects.filter(case=case)}
    assert set(sent) == {"sms", "email"}
    assert sent["sms"].recipient == "+16135550100"
    assert sent["email"].recipient == "marie-eve@example.ca"
    for notification in sent.values():
        assert notification.purpose == "receipt_confirmation"
        assert notification.language == "fr"
        assert notification.context == {
            "application_number": number,
            "service_name": case.service.name_fr,
        }
        # The key names the intake record, nothing about the person.
        assert notification.idempotency_key.startswith(f"paper-receipt:{receipt.pk}:")
        assert "Tremblay" not in notification.idempotency_key
    assert AuditRecord.objects.filter(target_type="case", target_id=str(case.pk)).exists()


def test_no_phone_no_email_means_no_message(client, token):
    body = receipt_body(applicant__phone=None, applicant__email="")
    response = post_receipt(client, body, token)
    assert response.status_code == 201
    assert Notification.objects.count() == 0


def test_the_same_package_again_answers_200_with_the_same_number_and_sends_nothing(client, token):
    body = receipt_body()
    first = post_receipt(client, body, token)
    counts = (Case.objects.count(), Notification.objects.count(), ClientRecord.objects.count())

    # Keyed in again with other capitals and a differently written phone number.
    again = dict(
        body,
        applicant=dict(body["applicant"], family_name="TREMBLAY GAGNE", phone="+1 (613) 555-0100"),
    )
    second = post_receipt(client, again, token)

    assert second.status_code == 200
    assert second.json() == first.json()
    assert (
        Case.objects.count(),
        Notification.objects.count(),
        ClientRecord.objects.count(),
    ) == counts


def test_the_same_barcode_with_other_details_is_a_conflict(client, token):
    body = receipt_body()
    first = post_receipt(client, body, token)
    other = dict(body, applicant=dict(body["applicant"], date_of_birth="1986-03-14"))

    response = post_receipt(client, other, token)

    assert response.status_code == 409
    error = response.json()
    assert error["code"] == "conflict" and error["field"] == "package_barcode"
    assert first.json()["application_number"] in error["message"]["en"]
    assert error["message"]["fr"] and error["message"]["fr"] != error["message"]["en"]
    assert Case.objects.count() == 1


def test_a_second_package_of_the_same_person_finds_the_same_client(client, token):
    first = post_receipt(client, receipt_body(), token)
    second = post_receipt(
        client,
        receipt_body(
            service_code="citizenship-grant",
            applicant__family_name="tremblay gagne",
            applicant__given_names="MARIE EVE",
        ),
        token,
    )
    assert first.status_code == second.status_code == 201
    assert ClientRecord.objects.count() == 1
    assert Case.objects.count() == 2


def test_a_uci_finds_its_client_but_must_agree_with_the_name(client, token):
    first = post_receipt(client, receipt_body(), token)
    uci = Case.objects.get(application_number=first.json()["application_number"]).client.uci

    same = post_receipt(client, receipt_body(applicant__uci=uci), token)
    other = post_receipt(
        client, receipt_body(applicant__uci=uci, applicant__family_name="Roy"), token
    )

    assert same.status_code == 201 and ClientRecord.objects.count() == 1
    assert other.status_code == 400 and other.json()["field"] == "applicant.uci"


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"applicant__date_of_birth": "2999-01-01"}, "applicant.date_of_birth"),
        ({"applicant__date_of_birth": "14/03/1985"}, "applicant.date_of_birth"),
        ({"applicant__phone": "555-01"}, "applicant.phone"),
        ({"applicant__email": "not-an-address"}, "applicant.email"),
        ({"applicant__sex": "Q"}, "applicant.sex"),
        ({"applicant__preferred_language": "de"}, "applicant.preferred_language"),
        ({"applicant__family_name": None}, "applicant.family_name"),
        ({"applicant__given_names": 42}, "applicant.given_names"),
        ({"applicant__uci": "12-3456-7890"}, "applicant.uci"),
        ({"service_code": "no-such-service"}, "service_code"),
        ({"service_code": "visitor-visa"}, "service_code"),  # online only
        ({"service_code": None}, "service_code"),
        ({"package_barcode": "has spaces"}, "package_barcode"),
        ({"package_barcode": None}, "package_barcode"),
        ({"received_at": "2999-01-01"}, "received_at"),
        ({"received_at": "yesterday"}, "received_at"),
        ({"applicant": None}, "applicant"),
        ({"applicant": "Marie"}, "applicant"),
    ],
)
def test_bad_input_answers_400_naming_the_field_in_both_languages(client, token, changes, field):
    response = post_receipt(client, receipt_body(**changes), token)

    assert response.status_code == 400, response.content
    error = response.json()
    assert error["field"] == field
    assert error["message"]["en"] and error["message"]["fr"]
    assert error["message"]["en"] != error["message"]["fr"]
    assert Case.objects.count() == 0 and PaperReceipt.objects.count() == 0
    assert Notification.objects.count() == 0


@pytest.mark.parametrize("body", [b"{not json", b"[1, 2]", b""])
def test_a_body_that_is_not_a_json_object_answers_400(client, token, body):
    response = post_receipt(client, body, token)
    assert response.status_code == 400
    assert response.json()["field"] == "body"


def test_the_future_date_of_birth_message_is_the_clients_one(client, token):
    response = post_receipt(client, receipt_body(applicant__date_of_birth="2999-01-01"), token)
    message = response.json()["message"]
    assert message["en"] == "A date of birth cannot be in the future."
    assert "avenir" in message["fr"]


def test_no_token_unknown_token_and_revoked_token_answer_401(client, clerk, token):
    assert post_receipt(client, receipt_body(), None).status_code == 401
    assert post_receipt(client, receipt_body(), "gch_not-a-real-token").status_code == 401
    response = client.post(
        "/api/v1/mailroom/receipts",
        data="{}",
        content_type="application/json",
        headers={"Authorization": f"Basic {token}"},
    )
    assert response.status_code == 401

    api_token_revoke(token=ApiToken.objects.get(user=clerk), actor=None)
    response = post_receipt(client, receipt_body(), token)
    assert response.status_code == 401
    assert " / " in response.json()["detail"]  # English / French
    assert Case.objects.count() == 0


def test_a_deactivated_account_answers_401(client, clerk, token):
    clerk.is_active = False
    clerk.save()
    assert post_receipt(client, receipt_body(), token).status_code == 401


def test_a_token_of_someone_outside_the_mailroom_answers_403(client):
    officer = staff_make(OFFICER)
    _token, raw = api_token_create(user=officer, name="officer laptop")
    response = post_receipt(client, receipt_body(), raw)
    assert response.status_code == 403
    assert Case.objects.count() == 0


def test_the_endpoint_is_in_the_openapi_description(client):
    schema = client.get("/api/v1/openapi.json").json()
    operation = schema["paths"]["/api/v1/mailroom/receipts"]["post"]
    body = operation["requestBody"]["content"]["application/json"]["schema"]
    assert "package_barcode" in body["properties"]
    assert "family_name" in body["properties"]["applicant"]["properties"]
    assert {"200", "201", "400", "401", "403", "409"} <= set(operation["responses"])
