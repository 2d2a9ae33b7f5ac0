import pytest
from django.db import DatabaseError

from guichet.core.audit import audit_record
from guichet.core.models import AuditRecord


@pytest.mark.django_db
def test_audit_records_cannot_be_changed_or_deleted(django_user_model):
    user = django_user_model.objects.create_user(username="officer1", password="x")
    record = audit_record(actor=user, action="view", target_type="case", target_id=7)
    assert record.actor_username == "officer1"
    record.detail = "tampered"
    with pytest.raises(PermissionError):
        record.save()
    with pytest.raises(PermissionError):
        record.delete()
    with pytest.raises(PermissionError):
        AuditRecord.objects.filter(pk=record.pk).update(detail="tampered")
    with pytest.raises(PermissionError):
        AuditRecord.objects.all().delete()
    assert AuditRecord.objects.get(pk=record.pk).detail == ""


@pytest.mark.django_db
def test_healthz_reports_ok_after_a_database_round_trip(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


@pytest.mark.django_db
def test_healthz_reports_503_when_the_database_fails(client, monkeypatch):
    def broken_cursor(*args, **kwargs):
        raise DatabaseError("down")

    from django.db import connection

    monkeypatch.setattr(connection, "cursor", broken_cursor)
    response = client.get("/healthz")
    assert response.status_code == 503


@pytest.mark.django_db(transaction=True)
def test_roles_come_back_after_a_flush():
    from django.contrib.auth.models import Group
    from django.core.management import call_command

    call_command("flush", interactive=False, verbosity=0)
    officer = Group.objects.get(name="officer")
    assert officer.permissions.filter(codename="advance_case_step").exists()
