"""Staff API tokens: issued once, stored as a digest, revocable, checked on every request."""

from __future__ import annotations

import hashlib
import io

import pytest
from django.core.management import CommandError, call_command

from guichet.core.api_auth import api_token_authenticate
from guichet.core.models import ApiToken, AuditRecord
from guichet.core.roles import ADMINISTRATOR, MAILROOM
from guichet.core.services import api_token_create, api_token_revoke
from guichet.testing.factories import staff_make

pytestmark = pytest.mark.django_db


def test_a_token_is_stored_only_as_its_digest():
    user = staff_make(MAILROOM)
    token, raw = api_token_create(user=user, name="Station 1")
    assert raw.startswith("gch_") and len(raw) > 40
    stored = ApiToken.objects.get(pk=token.pk)
    assert stored.digest == hashlib.sha256(raw.encode()).hexdigest()
    assert raw not in {stored.digest, stored.prefix, stored.name}
    assert raw.startswith(stored.prefix)
    assert AuditRecord.objects.filter(target_type="api_token", action="create").exists()


def test_authentication_finds_active_tokens_only_and_records_use():
    user = staff_make(MAILROOM)
    token, raw = api_token_create(user=user, name="Station 1")
    found = api_token_authenticate(raw)
    assert found is not None and found.user == user
    assert ApiToken.objects.get(pk=token.pk).last_used_at is not None
    assert api_token_authenticate(raw + "x") is None
    assert api_token_authenticate("not-even-the-prefix") is None

    api_token_revoke(token=token, actor=None)
    assert api_token_authenticate(raw) is None

    _token, other = api_token_create(user=user, name="Station 2")
    user.is_active = False
    user.save()
    assert api_token_authenticate(other) is None


def test_the_command_prints_the_token_once_as_its_last_line():
    user = staff_make(MAILROOM, username="scanner1")
    out = io.StringIO()
    call_command("create_api_token", "scanner1", "--name", "Station 3", stdout=out)
    raw = out.getvalue().strip().splitlines()[-1]
    assert api_token_authenticate(raw).user == user
    assert ApiToken.objects.get().name == "Station 3"


def test_the_command_refuses_an_unknown_user():
    with pytest.raises(CommandError, match="No staff member"):
        call_command("create_api_token", "nobody", stdout=io.StringIO())


@pytest.fixture
def admin_client(client):
    administrator = staff_make(ADMINISTRATOR)
    administrator.is_staff = True
    administrator.save()
    client.force_login(administrator)
    return client


def test_an_administrator_creates_a_token_in_the_back_office_and_sees_it_once(admin_client):
    clerk = staff_make(MAILROOM)
    response = admin_client.post(
        "/en/admin/core/apitoken/add/", {"user": clerk.pk, "name": "Station 4"}
    )
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    html = response.content.decode()
    token = ApiToken.objects.get()
    raw = html.split('id="api-token" type="text" readonly value="')[1].split('"')[0]
    assert api_token_authenticate(raw).pk == token.pk
    assert token.created_by is not None

    # The change page never shows it again.
    page = admin_client.get(f"/en/admin/core/apitoken/{token.pk}/change/").content.decode()
    assert raw not in page and token.prefix in page


def test_an_administrator_revokes_tokens_with_the_action(admin_client):
    token, raw = api_token_create(user=staff_make(MAILROOM), name="Station 5")
    response = admin_client.post(
        "/en/admin/core/apitoken/",
        {"action": "revoke", "_selected_action": [token.pk]},
    )
    assert response.status_code == 302
    assert api_token_authenticate(raw) is None
    assert ApiToken.objects.get().revoked_at is not None
