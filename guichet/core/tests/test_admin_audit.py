"""Admin pages that show client data (enquiries, notification recipients, opt-outs, calls,
interactions) write audit records, naming the record but never what it holds."""

import pytest
from django.contrib.auth.models import User
from django.test import Client as HttpClient

from guichet.core.models import AuditRecord
from guichet.notifications.services import notification_queue

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_http() -> HttpClient:
    admin = User.objects.create_superuser("root", "root@example.ca", "a-long-test-password")
    admin.totpdevice_set.create(name="authenticator", confirmed=True)  # staff need two steps
    http = HttpClient()
    http.force_login(admin)
    return http


@pytest.mark.parametrize(
    ("url", "target"),
    [
        ("/en/admin/contact/enquiry/", "enquiry"),
        ("/en/admin/contact/interaction/", "interaction"),
        ("/en/admin/contact/ivrsession/", "ivrsession"),
        ("/en/admin/notifications/notification/", "notification"),
        ("/en/admin/notifications/smssuppression/", "smssuppression"),
    ],
)
def test_admin_lists_of_client_data_are_audited(admin_http, url, target):
    assert admin_http.get(url).status_code == 200
    (record,) = AuditRecord.objects.all()
    assert (record.action, record.target_type, record.actor_username) == ("search", target, "root")


def test_an_admin_page_showing_a_notification_recipient_is_audited(admin_http):
    notification = notification_queue(
        purpose="receipt_confirmation",
        channel="sms",
        recipient="+16135550100",
        language="en",
        context={"application_number": "P123456782", "service_name": "Spouse"},
        idempotency_key="test-admin-audit",
    )
    url = f"/en/admin/notifications/notification/{notification.pk}/change/"
    assert admin_http.get(url).status_code == 200
    (record,) = AuditRecord.objects.filter(action="view")
    assert (record.target_type, record.target_id) == ("notification", str(notification.pk))
    assert "6135550100" not in record.detail
